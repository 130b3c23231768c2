package com.merchantpay.localstack.service;

import com.merchantpay.localstack.service.ServiceDefinition.ServiceContext;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every deployable of the workflow, in start order, with its whole environment. This is the one
 * place that knows each service's configuration names (from its application.yml and
 * {@code *Properties} records); docker-compose.yml mirrors it and local-stack's DockerComposeTest
 * keeps the two in step.
 *
 * <p>Start order: the sandbox first (UseePay and WeChat must answer before anyone calls them), then
 * order-service, notify-service, reconciliation-service (launched together, see {@link #startStages()}),
 * and the gateway last, so that the front door opens only when everything behind it runs.
 */
public final class ServiceCatalogue {

    public static final String SANDBOX = "sandbox";
    public static final String ORDER_SERVICE = "order-service";
    public static final String NOTIFY_SERVICE = "notify-service";
    public static final String RECONCILIATION_SERVICE = "reconciliation-service";
    public static final String GATEWAY_SERVICE = "gateway-service";

    /** UseePay's notify URL path on notify-service. */
    public static final String NOTIFY_PATH = "/useepay/notifications";

    private static final String READINESS = "/actuator/health/readiness";
    private static final String HEALTH = "/actuator/health";
    // Every service logs the MDC trace id after the level (the gateway's own pattern), so one order
    // can be followed through the log files with grep.
    private static final String LOG_LEVEL_PATTERN = "%5p [%X{traceId:-}]";

    private static final List<ServiceDefinition> ALL = List.of(
            // No actuator in the sandbox: its admin API answering is its readiness.
            new ServiceDefinition(SANDBOX, 8090, 8090, "/sandbox/faults", "/sandbox/counters/totals", 192, ServiceCatalogue::sandbox),
            new ServiceDefinition(ORDER_SERVICE, 8081, 9081, READINESS, HEALTH, 256, ServiceCatalogue::orderService),
            new ServiceDefinition(NOTIFY_SERVICE, 8082, 9082, READINESS, HEALTH, 256, ServiceCatalogue::notifyService),
            new ServiceDefinition(RECONCILIATION_SERVICE, 8083, 9083, READINESS, HEALTH, 256, ServiceCatalogue::reconciliationService),
            new ServiceDefinition(GATEWAY_SERVICE, 8080, 9080, READINESS, HEALTH, 256, ServiceCatalogue::gatewayService));

    private ServiceCatalogue() {
    }

    /**
     * Start stages, in order: a stage starts once the one before is ready. The three back-end services
     * need only the sandbox and Kafka, so they boot together; the gateway opens the door last.
     */
    public static List<List<String>> startStages() {
        return List.of(List.of(SANDBOX), List.of(ORDER_SERVICE, NOTIFY_SERVICE, RECONCILIATION_SERVICE),
                List.of(GATEWAY_SERVICE));
    }

    /** All services in start order. */
    public static List<ServiceDefinition> all() {
        return ALL;
    }

    public static ServiceDefinition named(String name) {
        return ALL.stream().filter(service -> service.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No service " + name));
    }

    private static Map<String, String> sandbox(ServiceContext context) {
        DevSecrets secrets = context.secrets();
        Map<String, String> env = new HashMap<>();
        env.put("SANDBOX_ADDRESS", "127.0.0.1");
        env.put("SERVER_PORT", port(context, SANDBOX));
        env.put("SANDBOX_TIME_SCALE", Double.toString(context.settings().timeScale()));
        env.put("USEEPAY_MERCHANT_NO", secrets.merchantNo());
        env.put("USEEPAY_MD5_KEY", secrets.merchantMd5Key());
        env.put("WECHAT_APP_ID", secrets.weChatAppId());
        env.put("WECHAT_APP_SECRET", secrets.weChatAppSecret());
        env.put("LOGGING_PATTERN_LEVEL", LOG_LEVEL_PATTERN);
        return env;
    }

    private static Map<String, String> orderService(ServiceContext context) {
        Map<String, String> env = kafkaService(context, ORDER_SERVICE);
        env.putAll(useePay(context));
        env.put("USEEPAY_NOTIFY_URL", context.addresses().baseUrlOf(NOTIFY_SERVICE).resolve(NOTIFY_PATH).toString());
        env.put("USEEPAY_ORDER_EXPIRY", context.settings().orderExpiry().toMinutes() + "m");
        env.put("WECHAT_APP_ID", context.secrets().weChatAppId());
        return env;
    }

    private static Map<String, String> notifyService(ServiceContext context) {
        Map<String, String> env = kafkaService(context, NOTIFY_SERVICE);
        env.put("USEEPAY_MERCHANT_NO", context.secrets().merchantNo());
        env.put("USEEPAY_MD5_KEY", context.secrets().merchantMd5Key());
        env.put("NOTIFY_STATE_DIR", context.home().resolve("state").toString());
        // Its outcome processor names the changelogs' replication itself (default 1); on a cluster they
        // must be replicated like every other topic, or the loss of one broker loses exactly-once state.
        // (reconciliation-service asks for the broker's default, which the cluster sets.)
        if (context.replicationFactor() > 1) {
            env.put("NOTIFY_REPLICATION_FACTOR", Integer.toString(context.replicationFactor()));
        }
        return env;
    }

    private static Map<String, String> reconciliationService(ServiceContext context) {
        Map<String, String> env = kafkaService(context, RECONCILIATION_SERVICE);
        env.putAll(useePay(context));
        env.put("RECONCILIATION_TIME_SCALE", Double.toString(context.settings().timeScale()));
        env.put("RECONCILIATION_STREAMS_STATE_DIR", context.home().resolve("state").toString());
        return env;
    }

    private static Map<String, String> gatewayService(ServiceContext context) {
        Map<String, String> env = kafkaService(context, GATEWAY_SERVICE);
        env.put("WECHAT_BASE_URL", context.addresses().baseUrlOf(SANDBOX).toString());
        env.put("WECHAT_APP_ID", context.secrets().weChatAppId());
        env.put("WECHAT_APP_SECRET", context.secrets().weChatAppSecret());
        env.put("GATEWAY_TOKEN_KEY", context.secrets().gatewayTokenKey());
        return env;
    }

    /** What every service of ours needs: its ports (API and management), the broker, the registry, the log pattern. */
    private static Map<String, String> kafkaService(ServiceContext context, String service) {
        Map<String, String> env = new HashMap<>();
        env.put("SERVER_PORT", port(context, service));
        env.put("MANAGEMENT_SERVER_PORT", Integer.toString(context.addresses().managementPortOf(service)));
        env.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", context.addresses().bootstrapServers());
        env.put("REGISTRY_URL", context.addresses().registryUrl());
        env.put("LOGGING_PATTERN_LEVEL", LOG_LEVEL_PATTERN);
        // Kafka clients print every configuration at INFO: thousands of lines that hide the service's own.
        env.put("LOGGING_LEVEL_ORG_APACHE_KAFKA", "WARN");
        return env;
    }

    /** UseePay = the sandbox, MD5-signed with the stack's merchant key. */
    private static Map<String, String> useePay(ServiceContext context) {
        return Map.of(
                "USEEPAY_BASE_URL", context.addresses().baseUrlOf(SANDBOX).toString(),
                "USEEPAY_MERCHANT_NO", context.secrets().merchantNo(),
                "USEEPAY_MD5_KEY", context.secrets().merchantMd5Key());
    }

    private static String port(ServiceContext context, String service) {
        return Integer.toString(context.addresses().portOf(service));
    }

    /** The environment variable Spring Boot binds to a property, e.g. {@code gateway.rate-limit.per-ip.capacity}. */
    public static String environmentName(String property) {
        return property.replace("-", "").replace('.', '_').toUpperCase(Locale.ROOT);
    }
}
