package com.merchantpay.testsupport;

import com.merchantpay.localstack.broker.KafkaBrokerProcess;
import com.merchantpay.localstack.registry.RegistryProcess;
import com.merchantpay.localstack.topics.TopicProvisioner;
import com.merchantpay.schemas.registry.RegistrySettings;
import com.merchantpay.schemas.registry.SchemaRegistration;
import com.merchantpay.schemas.registry.SchemaRegistryClient;
import com.merchantpay.schemas.topics.PaymentTopics;
import com.merchantpay.schemas.topics.TopicSpec;
import com.merchantpay.schemas.kafka.KafkaClients;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * One real Kafka broker and one real schema registry (in-memory storage, every event schema
 * registered) per test JVM, started on first use and shared by every test class of that JVM; a shutdown hook stops both and waits for
 * them. Files go under {@code java.io.tmpdir}, which the build points into the module's target folder.
 *
 * <p>Tests share the broker, so each test should use its own topic and consumer group
 * ({@link #createUniqueTopic}, {@link #uniqueGroupId}); the workflow's own topics are created once
 * by {@link #provisionPaymentTopics()}.
 */
public final class SharedInfrastructure {

    private final KafkaBrokerProcess broker;
    private final RegistryProcess registry;

    private SharedInfrastructure(KafkaBrokerProcess broker, RegistryProcess registry) {
        this.broker = broker;
        this.registry = registry;
    }

    /** Lazy and thread-safe by the class-holder idiom: the JVM runs {@code start()} once, on first access. */
    private static final class Running {
        static final SharedInfrastructure INSTANCE = start();
    }

    private static boolean paymentTopicsProvisioned;

    private static SharedInfrastructure start() {
        Path root = Path.of(System.getProperty("java.io.tmpdir"), "shared-infrastructure-" + ProcessHandle.current().pid());
        KafkaBrokerProcess broker = KafkaBrokerProcess.create(root);
        RegistryProcess registry = RegistryProcess.inMemory(root);
        // The in-memory registry does not need the broker, so both stop at once to keep JVM exit short.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> CompletableFuture.allOf(
                CompletableFuture.runAsync(registry::stop),
                CompletableFuture.runAsync(broker::stop)).join(), "shared-infrastructure-shutdown"));
        // Independent of each other, and each mostly waits on its own JVM's start-up: start both at once.
        CompletableFuture.allOf(
                CompletableFuture.runAsync(broker::start),
                CompletableFuture.runAsync(registry::start)).join();
        // The deployment step every environment runs: services only look their schemas up.
        SchemaRegistration.registerAll(new SchemaRegistryClient(RegistrySettings.of(registry.baseUrl())));
        return new SharedInfrastructure(broker, registry);
    }

    public static String bootstrapServers() {
        return Running.INSTANCE.broker.bootstrapServers();
    }

    /** The registry's root URL, e.g. {@code http://127.0.0.1:41234}. */
    public static String registryUrl() {
        return Running.INSTANCE.registry.baseUrl();
    }

    /**
     * The shared broker, for crash and restart tests ({@code kill()}, {@code stop()}, {@code start()}).
     * Every test class of the JVM uses it: restart it before the test ends.
     */
    public static KafkaBrokerProcess broker() {
        return Running.INSTANCE.broker;
    }

    public static RegistryProcess registry() {
        return Running.INSTANCE.registry;
    }

    /** Properties for a Spring context: {@code spring.kafka.bootstrap-servers} and {@code registry.url} (root URL). */
    public static Map<String, Object> springProperties() {
        return Map.of(
                "spring.kafka.bootstrap-servers", bootstrapServers(),
                "registry.url", registryUrl());
    }

    /** Client settings pointing at the shared broker, to add producer or consumer settings to. */
    public static Map<String, Object> kafkaClientProperties() {
        return Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    }

    /** A producer of events as the services configure theirs (String keys, registry wire format, acks=all). */
    public static Map<String, Object> eventProducerConfig() {
        return new HashMap<>(KafkaClients.eventProducer(bootstrapServers(), registryUrl(), Duration.ofSeconds(10), Duration.ofSeconds(30)));
    }

    /** A consumer of events as the services configure theirs (read_committed, no auto-commit, short fetch wait). */
    public static Map<String, Object> eventConsumerConfig() {
        return new HashMap<>(KafkaClients.eventConsumer(bootstrapServers(), registryUrl(), KafkaClients.TRANSACTIONAL_TOPIC_FETCH_WAIT));
    }

    /** Creates the workflow's topics ({@link PaymentTopics#all()}) once per JVM; later calls do nothing. */
    public static synchronized void provisionPaymentTopics() {
        if (!paymentTopicsProvisioned) {
            provision(PaymentTopics.all());
            paymentTopicsProvisioned = true;
        }
    }

    /** Creates a topic whose name no other test uses, e.g. {@code orders-3f2a...}, and returns its name. */
    public static String createUniqueTopic(String prefix, int partitions) {
        String name = prefix + "-" + UUID.randomUUID();
        provision(List.of(new TopicSpec(name, partitions, Map.of(), List.of())));
        return name;
    }

    public static String uniqueGroupId(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    private static List<String> provision(List<TopicSpec> topics) {
        try (Admin admin = Admin.create(kafkaClientProperties())) {
            return new TopicProvisioner(admin).provision(topics);
        }
    }
}
