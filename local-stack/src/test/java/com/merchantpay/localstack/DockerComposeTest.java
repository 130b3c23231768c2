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
    void runsTheBrokerAndTheRegistry() {
        assertThat(services).containsKeys("kafka", "registry", "topic-init");
        assertThat(environment("registry")).containsEntry("APICURIO_STORAGE_KIND", "kafkasql");
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
        assertThat(longRunning).contains("kafka", "registry", ServiceCatalogue.SANDBOX, ServiceCatalogue.GATEWAY_SERVICE);
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
    void topicInitCreatesExactlyThePaymentTopics() {
        Map<String, TopicSpec> expected = PaymentTopics.all().stream()
                .collect(Collectors.toMap(TopicSpec::name, topic -> new TopicSpec(topic.name(), topic.partitions(), topic.configs(), List.of())));
        Map<String, TopicSpec> created = new HashMap<>();
        Object command = ((Map<?, ?>) services.get("topic-init")).get("command");
        String script = command instanceof List<?> parts ? String.join("\n", parts.stream().map(String::valueOf).toList()) : String.valueOf(command);
        for (String line : script.lines().map(String::strip).toList()) {
            Matcher topic = CREATE_TOPIC.matcher(line);
            if (topic.matches()) {
                Map<String, String> configs = new LinkedHashMap<>();
                TOPIC_CONFIG.matcher(topic.group(3)).results().forEach(config -> configs.put(config.group(1), config.group(2)));
                created.put(topic.group(1), new TopicSpec(topic.group(1), Integer.parseInt(topic.group(2)), configs, List.of()));
            }
        }
        assertThat(created).isEqualTo(expected);
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
