package com.merchantpay.localstack.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.merchantpay.localstack.StackOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Several instances per service: each its own name, port and home (so its own Kafka Streams state
 * and transactional ids), all in the same groups with the same secrets, the sandbox alone.
 */
class ServiceInstancesTest {

    private final ServiceInstances two = new ServiceInstances(2);
    private final DevSecrets secrets = DevSecrets.generate();
    private final ServiceSettings settings = new ServiceSettings(0.02, Duration.ofMinutes(10));
    private final StackAddresses addresses = new StackAddresses("127.0.0.1:19092", "http://127.0.0.1:18085", Map.of(
            "sandbox", 18090,
            "order-service", 18081, "order-service-2", 18181,
            "notify-service", 18082, "notify-service-2", 18182,
            "reconciliation-service", 18083, "reconciliation-service-2", 18183,
            "gateway-service", 18080, "gateway-service-2", 18180), Map.of(
            "order-service", 19081, "order-service-2", 19181,
            "notify-service", 19082, "notify-service-2", 19182,
            "reconciliation-service", 19083, "reconciliation-service-2", 19183,
            "gateway-service", 19080, "gateway-service-2", 19180));

    @Test
    void theFirstInstanceKeepsTheServicesNameAndTheSandboxStaysAlone() {
        assertThat(two.allNames()).containsExactly("sandbox", "order-service", "order-service-2", "notify-service",
                "notify-service-2", "reconciliation-service", "reconciliation-service-2", "gateway-service", "gateway-service-2");
        assertThat(new ServiceInstances(1).allNames()).containsExactlyElementsOf(
                ServiceCatalogue.all().stream().map(ServiceDefinition::name).toList());
        assertThat(two.serviceOf("notify-service-2")).isEqualTo("notify-service");
        assertThat(two.numberOf("notify-service-2")).isEqualTo(2);
        assertThat(two.numberOf("notify-service")).isEqualTo(1);
        assertThat(ServiceInstances.conventionalPort(ServiceCatalogue.named("gateway-service"), 2)).isEqualTo(8180);
        assertThat(ServiceInstances.conventionalPort(ServiceCatalogue.named("order-service"), 1)).isEqualTo(8081);
    }

    @Test
    void eachInstanceListensOnItsOwnPortAndKeepsItsStateInItsOwnFolder() {
        Map<String, Map<String, String>> env = environments();
        two.allNames().stream().filter(name -> !name.equals("sandbox")).forEach(instance ->
                assertThat(env.get(instance)).as(instance)
                        .containsEntry("SERVER_PORT", Integer.toString(addresses.portOf(instance)))
                        .containsEntry("SPRING_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:19092"));
        assertThat(env.get("notify-service").get("NOTIFY_STATE_DIR")).isEqualTo("/stack/notify-service/state");
        assertThat(env.get("notify-service-2").get("NOTIFY_STATE_DIR")).isEqualTo("/stack/notify-service-2/state");
        assertThat(env.get("reconciliation-service-2").get("RECONCILIATION_STREAMS_STATE_DIR"))
                .isEqualTo("/stack/reconciliation-service-2/state")
                .isNotEqualTo(env.get("reconciliation-service").get("RECONCILIATION_STREAMS_STATE_DIR"));
        assertThat(env.get("sandbox")).containsEntry("SERVER_PORT", "18090");
    }

    @Test
    void instancesShareTheirGroupsSecretsAndUseePayAndNameTheirOwnNumberOfAnotherService() {
        Map<String, Map<String, String>> env = environments();
        assertThat(env.get("order-service")).containsEntry("USEEPAY_NOTIFY_URL", "http://127.0.0.1:18082/useepay/notifications");
        assertThat(env.get("order-service-2")).containsEntry("USEEPAY_NOTIFY_URL", "http://127.0.0.1:18182/useepay/notifications")
                .containsEntry("USEEPAY_BASE_URL", "http://127.0.0.1:18090");
        assertThat(env.get("order-service-2")).containsEntry("SERVER_PORT", "18181").containsEntry("MANAGEMENT_SERVER_PORT", "19181");
        assertThat(env.get("sandbox")).doesNotContainKey("MANAGEMENT_SERVER_PORT");
        assertThat(env.get("gateway-service-2")).containsEntry("GATEWAY_TOKEN_KEY", secrets.gatewayTokenKey())
                .containsEntry("WECHAT_BASE_URL", "http://127.0.0.1:18090");
        for (String service : ServiceInstances.SCALABLE) {
            Map<String, String> first = new LinkedHashMap<>(env.get(service));
            Map<String, String> second = new LinkedHashMap<>(env.get(service + "-2"));
            for (Map<String, String> variables : java.util.List.of(first, second)) {
                variables.keySet().removeAll(java.util.List.of("SERVER_PORT", "MANAGEMENT_SERVER_PORT", "USEEPAY_NOTIFY_URL", "NOTIFY_STATE_DIR",
                        "RECONCILIATION_STREAMS_STATE_DIR"));
            }
            assertThat(second).as("%s-2 is configured as %s but for its ports, its state and its notify-service", service, service)
                    .isEqualTo(first);
        }
    }

    @Test
    void oneInstanceIsTheDefaultAndTheCountIsBounded() {
        StackOptions options = StackOptions.infrastructureOnly();
        assertThat(options.instances()).isEqualTo(1);
        assertThat(options.withInstances(2).withTimeScale(0.5).instances()).isEqualTo(2);
        assertThat(new StackOptions(Optional.empty(), StackOptions.PortChoice.FREE, settings, java.util.List.of(), Map.of())
                .instances()).isEqualTo(1);
        assertThatThrownBy(() -> options.withInstances(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> options.withInstances(ServiceInstances.MAX + 1)).isInstanceOf(IllegalArgumentException.class);
    }

    private Map<String, Map<String, String>> environments() {
        Map<String, Map<String, String>> env = new LinkedHashMap<>();
        for (String instance : two.allNames()) {
            ServiceDefinition service = ServiceCatalogue.named(two.serviceOf(instance));
            env.put(instance, service.environment().apply(
                    two.contextOf(instance, addresses, secrets, settings, Path.of("/stack", instance))));
        }
        return env;
    }
}
