package com.merchantpay.order.support;

import com.merchantpay.order.OrderServiceApplication;
import com.merchantpay.testsupport.SharedInfrastructure;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The service as it runs in production (its own application.yml), pointed at the shared broker,
 * registry and the in-process sandbox. One instance at a time per test JVM: two instances in
 * different consumer groups would both decide the same checkouts, which production never does.
 * Test classes share the running one; restart and replay tests stop it and start their own.
 */
public final class OrderServiceUnderTest {

    public static final String GROUP_ID = "order-service";

    private static ConfigurableApplicationContext running;

    private OrderServiceUnderTest() {
    }

    /** The running service, started with the default test settings if none runs. */
    public static synchronized ConfigurableApplicationContext running() {
        if (running == null || !running.isActive()) {
            running = start(Map.of());
        }
        return running;
    }

    /** Stops whatever runs and starts an instance with these extra properties. */
    public static synchronized ConfigurableApplicationContext restart(Map<String, Object> overrides) {
        stop();
        running = start(overrides);
        return running;
    }

    /** Closes the context, as a kill of the process would end it (in-flight work is abandoned). */
    public static synchronized void stop() {
        if (running != null) {
            running.close();
            running = null;
        }
    }

    /**
     * A second instance in the same group next to the running one, as a scale-out would add it;
     * the caller closes it.
     */
    public static ConfigurableApplicationContext another(Map<String, Object> overrides) {
        return start(overrides);
    }

    public static Map<String, Object> defaults() {
        SandboxFixture sandbox = SandboxFixture.sandbox();
        SharedInfrastructure.provisionPaymentTopics();
        Map<String, Object> properties = new HashMap<>(SharedInfrastructure.springProperties());
        properties.put("server.port", "0");
        properties.put("spring.kafka.consumer.group-id", GROUP_ID);
        properties.put("useepay.base-url", sandbox.baseUrl());
        properties.put("useepay.merchant-no", SandboxFixture.MERCHANT_NO);
        properties.put("USEEPAY_MD5_KEY", SandboxFixture.MD5_KEY);
        properties.put("useepay.notify-url", "http://127.0.0.1:9/useepay/notifications");
        properties.put("useepay.connect-timeout", "500ms");
        properties.put("useepay.response-timeout", "1s");
        properties.put("wechat.app-id", SandboxFixture.WECHAT_APP_ID);
        properties.put("order.placement.min-backoff", "50ms");
        properties.put("order.placement.max-backoff", "500ms");
        properties.put("order.checkout.drain-timeout", "5s");
        // A currency the sandbox does not accept: the way to make UseePay itself refuse an order.
        properties.put("catalog.products.yen-sticker.title", "Sticker");
        properties.put("catalog.products.yen-sticker.unit-price-minor", "500");
        properties.put("catalog.products.yen-sticker.currency", "JPY");
        return properties;
    }

    static ConfigurableApplicationContext start(Map<String, Object> overrides) {
        Map<String, Object> properties = defaults();
        properties.putAll(overrides);
        // As command-line arguments: they win over application.yml (builder "properties" would not).
        String[] arguments = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        return new SpringApplicationBuilder(OrderServiceApplication.class).run(arguments);
    }
}
