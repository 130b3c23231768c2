package com.merchantpay.localstack.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.merchantpay.localstack.service.ServiceDefinition.ServiceContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The catalogue wires the services to each other and to one consistent set of dev secrets. */
class ServiceCatalogueTest {

    private final DevSecrets secrets = DevSecrets.generate();
    private final StackAddresses addresses = new StackAddresses("127.0.0.1:19092", "http://127.0.0.1:18085",
            Map.of("sandbox", 18090, "order-service", 18081, "notify-service", 18082, "reconciliation-service", 18083,
                    "gateway-service", 18080));
    private final ServiceSettings settings = new ServiceSettings(0.02, Duration.ofMinutes(10));

    @Test
    void startsTheSandboxFirstAndTheGatewayLast() {
        assertThat(ServiceCatalogue.all()).extracting(ServiceDefinition::name).containsExactly(
                "sandbox", "order-service", "notify-service", "reconciliation-service", "gateway-service");
        assertThat(ServiceCatalogue.startStages().stream().flatMap(java.util.List::stream))
                .as("every service in exactly one stage, in catalogue order")
                .containsExactlyElementsOf(ServiceCatalogue.all().stream().map(ServiceDefinition::name).toList());
        assertThat(ServiceCatalogue.startStages().getFirst()).containsExactly("sandbox");
        assertThat(ServiceCatalogue.startStages().getLast()).containsExactly("gateway-service");
    }

    @Test
    void everyServiceListensWhereTheStackSaysAndFindsTheBrokerAndTheRegistry() {
        Map<String, Map<String, String>> env = environments();
        assertThat(env.get("sandbox")).containsEntry("SERVER_PORT", "18090").containsEntry("SANDBOX_ADDRESS", "127.0.0.1");
        env.forEach((service, variables) -> {
            if (!service.equals("sandbox")) {
                assertThat(variables).as(service)
                        .containsEntry("SERVER_PORT", Integer.toString(addresses.portOf(service)))
                        .containsEntry("SPRING_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:19092")
                        .containsEntry("REGISTRY_URL", "http://127.0.0.1:18085");
            }
        });
    }

    @Test
    void useePayAndWeChatAreTheSandboxAndNotificationsGoToNotifyService() {
        Map<String, Map<String, String>> env = environments();
        assertThat(env.get("order-service")).containsEntry("USEEPAY_BASE_URL", "http://127.0.0.1:18090")
                .containsEntry("USEEPAY_NOTIFY_URL", "http://127.0.0.1:18082/useepay/notifications")
                .containsEntry("USEEPAY_ORDER_EXPIRY", "10m");
        assertThat(env.get("reconciliation-service")).containsEntry("USEEPAY_BASE_URL", "http://127.0.0.1:18090")
                .containsEntry("RECONCILIATION_TIME_SCALE", "0.02");
        assertThat(env.get("sandbox")).containsEntry("SANDBOX_TIME_SCALE", "0.02");
        assertThat(env.get("gateway-service")).containsEntry("WECHAT_BASE_URL", "http://127.0.0.1:18090");
    }

    /** Kafka Streams state that a lost broker took with it would break exactly-once: on a cluster notify-service asks for replicas. */
    @Test
    void onAClusterNotifyServiceReplicatesTheChangelogsItCreates() {
        ServiceDefinition notify = ServiceCatalogue.named("notify-service");
        ServiceContext context = new ServiceContext(addresses, secrets, settings, Path.of("/stack", "notify-service"));
        assertThat(notify.environment().apply(context.withReplicationFactor(3))).containsEntry("NOTIFY_REPLICATION_FACTOR", "3");
        assertThat(notify.environment().apply(context)).as("one broker: the service's own default")
                .doesNotContainKey("NOTIFY_REPLICATION_FACTOR");
    }

    @Test
    void everyoneSharesTheSameDevSecrets() {
        Map<String, Map<String, String>> env = environments();
        assertThat(env.get("sandbox")).containsEntry("USEEPAY_MD5_KEY", secrets.merchantMd5Key())
                .containsEntry("USEEPAY_MERCHANT_NO", secrets.merchantNo())
                .containsEntry("WECHAT_APP_ID", secrets.weChatAppId())
                .containsEntry("WECHAT_APP_SECRET", secrets.weChatAppSecret());
        for (String service : new String[] {"order-service", "notify-service", "reconciliation-service"}) {
            assertThat(env.get(service)).as(service).containsEntry("USEEPAY_MD5_KEY", secrets.merchantMd5Key())
                    .containsEntry("USEEPAY_MERCHANT_NO", secrets.merchantNo());
        }
        assertThat(env.get("order-service")).containsEntry("WECHAT_APP_ID", secrets.weChatAppId());
        assertThat(env.get("gateway-service")).containsEntry("WECHAT_APP_ID", secrets.weChatAppId())
                .containsEntry("WECHAT_APP_SECRET", secrets.weChatAppSecret())
                .containsEntry("GATEWAY_TOKEN_KEY", secrets.gatewayTokenKey());
        assertThat(secrets.gatewayTokenKey()).hasSizeGreaterThanOrEqualTo(32);
    }

    @Test
    void secretsAreNewForEveryStackAndNeverPrinted() {
        DevSecrets other = DevSecrets.generate();
        assertThat(other.merchantMd5Key()).isNotEqualTo(secrets.merchantMd5Key());
        assertThat(other.weChatAppSecret()).isNotEqualTo(secrets.weChatAppSecret());
        assertThat(secrets.toString()).doesNotContain(secrets.merchantMd5Key(), secrets.weChatAppSecret(), secrets.gatewayTokenKey());
    }

    @Test
    void orderExpiryFollowsUseePaysRuleAndScalesInTheSandbox() {
        assertThat(settings.scaledOrderExpiry()).isEqualTo(Duration.ofSeconds(12));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> settings.withOrderExpiry(Duration.ofMinutes(21)))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> settings.withOrderExpiry(Duration.ofSeconds(90)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private Map<String, Map<String, String>> environments() {
        Map<String, Map<String, String>> env = new LinkedHashMap<>();
        for (ServiceDefinition service : ServiceCatalogue.all()) {
            env.put(service.name(), service.environment().apply(
                    new ServiceContext(addresses, secrets, settings, Path.of("/stack", service.name()))));
        }
        return env;
    }
}
