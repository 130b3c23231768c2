package com.merchantpay.reconciliation.support;

import static org.awaitility.Awaitility.await;

import com.merchantpay.reconciliation.ReconciliationApplication;
import com.merchantpay.schemas.kafka.StreamsRunner;
import com.merchantpay.testsupport.Sandbox;
import com.merchantpay.testsupport.SharedInfrastructure;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.streams.KafkaStreams;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The service itself, started as its own Spring Boot application against the shared broker,
 * registry and sandbox, and closed like a process would be. Every test JVM uses one Streams
 * application id, so a reconciler started later resumes where the previous one committed.
 */
public final class RunningReconciler implements AutoCloseable {

    public static final String APPLICATION_ID = "reconciliation-service-test";

    private final ConfigurableApplicationContext context;

    private RunningReconciler(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /** With a fresh state folder each time: what it knows must come from Kafka. */
    public static RunningReconciler start(Sandbox sandbox, String... overrides) {
        Path stateDir = Path.of(System.getProperty("java.io.tmpdir"), "streams-" + UUID.randomUUID());
        List<String> properties = new ArrayList<>(List.of(
                "server.port=0",
                "management.server.port=0",
                "spring.kafka.bootstrap-servers=" + SharedInfrastructure.bootstrapServers(),
                "registry.url=" + SharedInfrastructure.registryUrl(),
                "useepay.base-url=" + sandbox.baseUrl(),
                "useepay.merchant-no=" + sandbox.secrets().merchantNo(),
                "useepay.app-domain=shop.example.com",
                "useepay.response-timeout=1s",
                "USEEPAY_MD5_KEY=" + sandbox.secrets().merchantMd5Key(),
                "reconciliation.time-scale=" + sandbox.options().timeScale(),
                "reconciliation.tick=50ms",
                "reconciliation.census-interval=200ms",
                "reconciliation.queries.deadline=3s",
                "reconciliation.streams.application-id=" + APPLICATION_ID,
                "reconciliation.streams.state-dir=" + stateDir));
        properties.addAll(List.of(overrides));
        // A later setting of the same name replaces the earlier one (twice on a command line would merge).
        Map<String, String> byName = new LinkedHashMap<>();
        properties.forEach(property -> byName.put(property.substring(0, property.indexOf('=')), property));
        // As command-line arguments: they outrank application.yml, like a deployment's settings do.
        ConfigurableApplicationContext context = new SpringApplicationBuilder(ReconciliationApplication.class)
                .run(byName.values().stream().map(property -> "--" + property).toArray(String[]::new));
        RunningReconciler reconciler = new RunningReconciler(context);
        await("reconciler streams running").atMost(Duration.ofSeconds(60))
                .until(() -> reconciler.streams().state() == KafkaStreams.State.RUNNING);
        return reconciler;
    }

    /** Its Streams application id: the consumer group whose commits say what it has read. */
    public String applicationId() {
        return context.getEnvironment().getProperty("reconciliation.streams.application-id");
    }

    public StreamsRunner streams() {
        return context.getBean("reconciliationStreams", StreamsRunner.class);
    }

    public ConfigurableApplicationContext context() {
        return context;
    }

    @Override
    public void close() {
        context.close();
    }
}
