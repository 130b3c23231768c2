package com.merchantpay.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.merchantpay.localstack.service.DevSecrets;
import com.merchantpay.localstack.service.ServiceCatalogue;
import com.merchantpay.localstack.service.ServiceDefinition;
import com.merchantpay.localstack.service.ServiceDefinition.ServiceContext;
import com.merchantpay.localstack.service.ServiceSettings;
import com.merchantpay.localstack.service.StackAddresses;
import com.merchantpay.schemas.topics.PaymentTopics;
import com.merchantpay.schemas.topics.TopicSpec;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.NodeList;
import org.yaml.snakeyaml.Yaml;

/** docker-compose.yml stays in step with the reactor's deployables and with the topic catalogue. */
class DockerComposeTest {

    private static final Pattern CREATE_TOPIC = Pattern.compile("^create --topic (\\S+) --partitions (\\d+)(.*)$");
    private static final Pattern TOPIC_CONFIG = Pattern.compile("--config (\\S+)=(\\S+)");

    private final Path repository = repositoryRoot();
    private final Map<String, Object> services = services();

    @Test
    void runsTheBrokersAndTheRegistryWithItsSchemasInKafka() {
        assertThat(services).containsKeys("registry", "topic-init");
        assertThat(environment("registry")).containsEntry("APICURIO_STORAGE_KIND", "kafkasql")
                .containsEntry("APICURIO_KAFKASQL_BOOTSTRAP_SERVERS", String.join(",", brokerAddresses()));
        // The registry starts on the journal topic-init created with three replicas, not one it made itself.
        assertThat(String.valueOf(((Map<?, ?>) service("registry").get("depends_on")).get("topic-init")))
                .contains("service_completed_successfully");
    }

    /**
     * Production shape: three KRaft nodes, each a broker and a voter of the controller quorum; three
     * replicas of everything, acks=all waits for two, and no out-of-date replica ever leads.
     */
    @Test
    void threeBrokersKeepThreeCopiesAndAcknowledgeAWriteOnlyOnceTwoHaveIt() {
        List<String> brokers = brokers();
        assertThat(brokers).hasSize(3);
        String voters = brokers.stream().map(broker -> environment(broker).get("KAFKA_NODE_ID") + "@" + broker + ":9093")
                .collect(Collectors.joining(","));
        for (String broker : brokers) {
            assertThat(environment(broker)).as(broker)
                    .containsEntry("KAFKA_CONTROLLER_QUORUM_VOTERS", voters)
                    .containsEntry("CLUSTER_ID", environment(brokers.getFirst()).get("CLUSTER_ID"))
                    .containsEntry("KAFKA_DEFAULT_REPLICATION_FACTOR", "3")
                    .containsEntry("KAFKA_MIN_INSYNC_REPLICAS", "2")
                    .containsEntry("KAFKA_UNCLEAN_LEADER_ELECTION_ENABLE", "false")
                    .containsEntry("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "3")
                    .containsEntry("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "3")
                    .containsEntry("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "2")
                    .containsEntry("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
            assertThat(environment(broker).get("KAFKA_ADVERTISED_LISTENERS")).as(broker).contains("PLAINTEXT://" + broker + ":9092");
        }
        assertThat(brokers.stream().map(broker -> environment(broker).get("KAFKA_NODE_ID")).distinct()).hasSize(3);
        assertThat(topicInitScript()).contains("--replication-factor 3").doesNotContain("--replication-factor 1");
        // Every client can bootstrap from any broker, so a broker that is down stops none of them.
        for (ServiceDefinition service : ServiceCatalogue.all()) {
            assertThat(environment(service.name())).as(service.name())
                    .containsEntry("SPRING_KAFKA_BOOTSTRAP_SERVERS", String.join(",", brokerAddresses()));
        }
    }

    /** Services never register schemas: a one-shot job does, and every service starts only after it succeeded. */
    @Test
    void schemasAreRegisteredOnceByTheirOwnJobBeforeAnyServiceStarts() {
        Map<?, ?> job = (Map<?, ?>) services.get("schema-init");
        assertThat(job).as("the schema-init job").isNotNull();
        assertThat(String.valueOf(job.get("command"))).isEqualTo("[schemas, register]");
        for (ServiceDefinition service : ServiceCatalogue.all()) {
            Map<?, ?> dependsOn = (Map<?, ?>) ((Map<?, ?>) services.get(service.name())).get("depends_on");
            assertThat(dependsOn.keySet()).as(service.name() + " waits for the schemas").map(String::valueOf).contains("schema-init");
            assertThat(String.valueOf(((Map<?, ?>) dependsOn.get("schema-init")).get("condition")))
                    .isEqualTo("service_completed_successfully");
        }
    }

    @Test
    void everyDeployableModuleHasAServicePointingAtKafkaAndTheRegistry() throws Exception {
        for (String module : deployableModules()) {
            assertThat(services).as("compose service for deployable module " + module).containsKey(module);
            assertThat(environment(module)).as("environment of " + module)
                    .containsKeys("SPRING_KAFKA_BOOTSTRAP_SERVERS", "REGISTRY_URL");
        }
    }

    /**
     * Compose runs the same jars as bin/local-stack, so each service needs every variable that the
     * local stack's catalogue gives it (values differ: host names, bind address, secrets).
     */
    @Test
    void everyServiceGetsEveryVariableTheLocalStackGivesIt() {
        StackAddresses addresses = new StackAddresses("kafka:9092", "http://registry:8080", ServiceCatalogue.all().stream()
                .collect(Collectors.toMap(ServiceDefinition::name, ServiceDefinition::conventionalPort)), ServiceCatalogue.all().stream()
                .collect(Collectors.toMap(ServiceDefinition::name, ServiceDefinition::conventionalManagementPort)));
        for (ServiceDefinition service : ServiceCatalogue.all()) {
            Map<String, String> localStack = service.environment().apply(new ServiceContext(addresses,
                    DevSecrets.generate(), ServiceSettings.REAL_TIME, Path.of("/stack", service.name())));
            assertThat(services).as("compose service " + service.name()).containsKey(service.name());
            assertThat(environment(service.name())).as("environment of compose service " + service.name())
                    .containsKeys(localStack.keySet().toArray(String[]::new));
        }
        assertThat(environment(ServiceCatalogue.SANDBOX)).as("the sandbox must listen beyond its container")
                .containsEntry("SANDBOX_ADDRESS", "0.0.0.0");
        assertThat(environment(ServiceCatalogue.ORDER_SERVICE))
                .containsEntry("USEEPAY_NOTIFY_URL", "http://notify-service:8082" + ServiceCatalogue.NOTIFY_PATH)
                .containsEntry("USEEPAY_BASE_URL", "http://sandbox:8090");
        assertThat(environment(ServiceCatalogue.GATEWAY_SERVICE)).containsEntry("WECHAT_BASE_URL", "http://sandbox:8090");
    }

    /** Compose runs the JVM the load benchmarks measure, as deploy/kubernetes does. */
    @Test
    void everyServiceRunsTheJvmOptionsTheLoadBenchmarksMeasure() {
        for (ServiceDefinition service : ServiceCatalogue.all()) {
            String options = environment(service.name()).getOrDefault("JAVA_TOOL_OPTIONS", "");
            assertThat(Arrays.asList(options.split("\\s+"))).as("JAVA_TOOL_OPTIONS of compose service " + service.name())
                    .containsAll(StackOptions.AS_DEPLOYED);
        }
    }

    /**
     * A default secret in this file is public and guards nothing: every secret a service is given must
     * come from the environment, and Compose must refuse to start (":?") when it is not set.
     */
    @Test
    void noSecretHasADefault() {
        Pattern required = Pattern.compile("\\$\\{(\\w+):\\?[^}]+}");
        List<String> secretsSeen = new ArrayList<>();
        for (String service : services.keySet()) {
            environment(service).forEach((name, value) -> {
                if (name.endsWith("_KEY") || name.endsWith("_SECRET") || name.endsWith("_PASSWORD")) {
                    secretsSeen.add(service + "." + name);
                    Matcher reference = required.matcher(value);
                    assertThat(reference.matches() && reference.group(1).equals(name))
                            .as("%s of %s is ${%s:?...}, not %s", name, service, name, value).isTrue();
                }
            });
        }
        assertThat(secretsSeen).as("secrets given to services").contains("gateway-service.GATEWAY_TOKEN_KEY",
                "gateway-service.WECHAT_APP_SECRET", "order-service.USEEPAY_MD5_KEY", "notify-service.USEEPAY_MD5_KEY");
    }

    /**
     * Production shape: whatever runs for good (the broker, the registry, the sandbox and the services,
     * not the one-shot jobs or the profiles' extras) is restarted when it dies and has a healthcheck;
     * ours are held to a memory limit and healthy only when their readiness is.
     */
    @Test
    void everyLongRunningMemberHasAHealthcheckAndARestartPolicy() {
        List<String> longRunning = services.keySet().stream()
                .filter(name -> !name.endsWith("-init") && service(name).get("profiles") == null).toList();
        assertThat(longRunning).contains("kafka-1", "kafka-2", "kafka-3", "registry", ServiceCatalogue.SANDBOX, ServiceCatalogue.GATEWAY_SERVICE);
        for (String name : longRunning) {
            assertThat(service(name)).as(name).containsKey("healthcheck").containsEntry("restart", (Object) "unless-stopped");
        }
        for (ServiceDefinition ours : ServiceCatalogue.all()) {
            Object limits = ((Map<?, ?>) ((Map<?, ?>) service(ours.name()).get("deploy")).get("resources")).get("limits");
            assertThat(((Map<?, ?>) limits).get("memory")).as("memory limit of " + ours.name()).isNotNull();
            String probe = String.valueOf(((Map<?, ?>) service(ours.name()).get("healthcheck")).get("test"));
            assertThat(probe).as("healthcheck of " + ours.name())
                    .contains("/dev/tcp/127.0.0.1/" + ours.conventionalManagementPort()).contains(ours.readinessPath());
        }
        assertThat(String.valueOf(((Map<?, ?>) service("schema-init").get("depends_on")).get("registry")))
                .contains("service_healthy");
    }

    @Test
    void topicInitCreatesExactlyThePaymentTopicsAndTheRegistryStorage() {
        Map<String, TopicSpec> expected = PaymentTopics.all().stream()
                .collect(Collectors.toMap(TopicSpec::name, topic -> new TopicSpec(topic.name(), topic.partitions(), topic.configs(), List.of())));
        Map<String, TopicSpec> created = new HashMap<>();
        for (String line : topicInitScript().lines().map(String::strip).toList()) {
            Matcher topic = CREATE_TOPIC.matcher(line);
            if (topic.matches()) {
                Map<String, String> configs = new LinkedHashMap<>();
                TOPIC_CONFIG.matcher(topic.group(3)).results().forEach(config -> configs.put(config.group(1), config.group(2)));
                created.put(topic.group(1), new TopicSpec(topic.group(1), Integer.parseInt(topic.group(2)), configs, List.of()));
            }
        }
        // The registry replays its whole state from these in order: one partition each, never trimmed.
        Map<String, String> keptForever = Map.of("cleanup.policy", "delete", "retention.ms", "-1", "retention.bytes", "-1");
        for (String registryTopic : List.of("APICURIO_KAFKASQL_TOPIC", "APICURIO_KAFKASQL_SNAPSHOTS_TOPIC")) {
            String name = environment("registry").get(registryTopic);
            assertThat(created.remove(name)).as("the registry's " + registryTopic)
                    .isEqualTo(new TopicSpec(name, 1, keptForever, List.of()));
        }
        assertThat(created).isEqualTo(expected);
    }

    private String topicInitScript() {
        Object command = ((Map<?, ?>) services.get("topic-init")).get("command");
        return command instanceof List<?> parts ? String.join("\n", parts.stream().map(String::valueOf).toList()) : String.valueOf(command);
    }

    /** The Kafka nodes: every service that runs the broker role. */
    private List<String> brokers() {
        return services.keySet().stream()
                .filter(name -> String.valueOf(environment(name).get("KAFKA_PROCESS_ROLES")).contains("broker")).sorted().toList();
    }

    private List<String> brokerAddresses() {
        return brokers().stream().map(broker -> broker + ":9092").toList();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> service(String name) {
        return (Map<String, Object>) services.get(name);
    }

    private Map<String, String> environment(String service) {
        Object environment = ((Map<?, ?>) services.get(service)).get("environment");
        Map<String, String> entries = new HashMap<>();
        if (environment instanceof Map<?, ?> map) {
            map.forEach((key, value) -> entries.put(String.valueOf(key), String.valueOf(value)));
        } else if (environment instanceof List<?> list) {
            list.stream().map(String::valueOf).map(entry -> entry.split("=", 2))
                    .forEach(pair -> entries.put(pair[0], pair.length > 1 ? pair[1] : ""));
        }
        return entries;
    }

    /** Modules of the root pom whose own pom repackages a Spring Boot jar. */
    private List<String> deployableModules() throws Exception {
        NodeList modules = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(repository.resolve("pom.xml").toFile()).getElementsByTagName("module");
        List<String> deployables = new ArrayList<>();
        for (String module : IntStream.range(0, modules.getLength())
                .mapToObj(index -> modules.item(index).getTextContent().strip()).toList()) {
            Path pom = repository.resolve(module).resolve("pom.xml");
            if (Files.exists(pom) && Files.readString(pom).contains("spring-boot-maven-plugin")) {
                deployables.add(module);
            }
        }
        return deployables;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> services() {
        try (Reader reader = Files.newBufferedReader(repository.resolve("docker-compose.yml"))) {
            Object document = new Yaml().load(reader);
            assertThat(document).as("docker-compose.yml is a YAML mapping").isInstanceOf(Map.class);
            Object services = ((Map<String, Object>) document).get("services");
            assertThat(services).as("docker-compose.yml has services").isInstanceOf(Map.class);
            return (Map<String, Object>) services;
        } catch (IOException e) {
            throw new AssertionError("Cannot read docker-compose.yml", e);
        }
    }

    /** The nearest folder above the working directory that holds both the root pom and docker-compose.yml. */
    private static Path repositoryRoot() {
        for (Path folder = Path.of("").toAbsolutePath(); folder != null; folder = folder.getParent()) {
            if (Files.exists(folder.resolve("docker-compose.yml")) && Files.exists(folder.resolve("pom.xml"))) {
                return folder;
            }
        }
        throw new AssertionError("No docker-compose.yml above " + Path.of("").toAbsolutePath());
    }
}
