package com.merchantpay.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.merchantpay.localstack.StrictManifests.Manifest;
import com.merchantpay.localstack.service.DevSecrets;
import com.merchantpay.localstack.service.ServiceCatalogue;
import com.merchantpay.localstack.service.ServiceDefinition;
import com.merchantpay.localstack.service.ServiceDefinition.ServiceContext;
import com.merchantpay.localstack.service.ServiceSettings;
import com.merchantpay.localstack.service.StackAddresses;
import com.merchantpay.schemas.topics.PaymentTopics;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.kafka.KafkaClusterSpec;
import io.strimzi.api.kafka.model.kafka.listener.GenericKafkaListener;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.nodepool.ProcessRoles;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * deploy/kubernetes stays valid Kubernetes (read strictly into fabric8's and Strimzi's models) and in step
 * with the code: the topics with the catalogue, the variables with what each service binds, the ports with
 * the services' settings; and it keeps the production rules: no inlined secret, both probes, resource
 * bounds and a disruption budget for every Deployment, three brokers that acknowledge a write only once two
 * of them have it.
 */
class KubernetesManifestsTest {

    /** The management port every service's actuator moves to (health probes, metrics), apart from the traffic. */
    private static final int MANAGEMENT_PORT = 8081;
    private static final Pattern SECRET_NAME = Pattern.compile(".*(_KEY|_SECRET|_PASSWORD|_TOKEN)$");
    private static final Pattern CREATE_SECRET = Pattern.compile("kubectl create secret generic ([\\w-]+)(.*)");
    private static final Pattern SECRET_SOURCE = Pattern.compile("--from-(?:literal|file)=([\\w.-]+)=");

    private final Path repository = repositoryRoot();
    private final List<Manifest> manifests = new StrictManifests().readFolder(repository.resolve("deploy/kubernetes"));

    @Test
    void everyManifestIsReadStrictlyAndNamesAreUniquePerKind() {
        assertThat(manifests).isNotEmpty();
        Map<String, Long> countByKindAndName = manifests.stream()
                .collect(Collectors.groupingBy(m -> m.resource().getKind() + "/" + m.resource().getMetadata().getName(),
                        Collectors.counting()));
        assertThat(countByKindAndName).allSatisfy((name, count) -> assertThat(count).as(name).isEqualTo(1L));
    }

    @Test
    void aMisspelledFieldIsRejectedWhereverItIs() {
        StrictManifests reader = new StrictManifests();
        String deployment = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: order-service}
                spec:
                  selector: {matchLabels: {app: order-service}}
                  template:
                    metadata: {labels: {app: order-service}}
                    spec:
                      containers:
                        - name: order-service
                          image: merchantpay/order-service
                          %s
                """;
        assertThat(readsWithoutError(reader, deployment.formatted("readinessProbe: {httpGet: {path: /, port: 8081}}"))).isTrue();
        // One letter short, deep inside the pod template: a lenient reader would drop the probe unseen.
        assertThatThrownBy(() -> reader.read(deployment.formatted("readinessProbe: {httpGet: {path: /, prot: 8081}}")))
                .isInstanceOf(UnrecognizedPropertyException.class).hasMessageContaining("prot");
        assertThatThrownBy(() -> reader.read(deployment.formatted("readinesProbe: {httpGet: {path: /, port: 8081}}")))
                .isInstanceOf(UnrecognizedPropertyException.class).hasMessageContaining("readinesProbe");
        // The API server wants a number here, and a string for an env value.
        assertThatThrownBy(() -> reader.read(deployment.formatted("ports: [{containerPort: \"8080\"}]")))
                .isInstanceOf(MismatchedInputException.class);
        assertThatThrownBy(() -> reader.read(deployment.formatted("env: [{name: SERVER_PORT, value: 8080}]")))
                .isInstanceOf(MismatchedInputException.class);

        String topic = """
                apiVersion: kafka.strimzi.io/v1
                kind: KafkaTopic
                metadata: {name: payments.orders.v1, labels: {strimzi.io/cluster: merchantpay}}
                spec: {%s: 12, replicas: 3}
                """;
        assertThat(readsWithoutError(reader, topic.formatted("partitions"))).isTrue();
        assertThatThrownBy(() -> reader.read(topic.formatted("partition")))
                .isInstanceOf(UnrecognizedPropertyException.class).hasMessageContaining("partition");
        assertThatThrownBy(() -> reader.read(topic.formatted("partitions").replace("replicas: 3", "replicas: 3, replicas: 1")))
                .hasMessageContaining("replicas");
        assertThatThrownBy(() -> reader.read(topic.formatted("partitions").replace("kind: KafkaTopic", "kind: KafkaTopics")))
                .hasMessageContaining("No model for kafka.strimzi.io/v1/KafkaTopics");
        assertThatThrownBy(() -> reader.read(topic.formatted("partitions").replace("spec: {", "spec: {retention: 1, ")))
                .isInstanceOf(UnrecognizedPropertyException.class);
    }

    @Test
    void theKafkaClusterHasThreeBrokersAndAcknowledgesAWriteOnlyOnceTwoHaveIt() {
        Kafka kafka = single(Kafka.class);
        List<KafkaNodePool> pools = all(KafkaNodePool.class);
        assertThat(pools).allSatisfy(pool -> assertThat(pool.getMetadata().getLabels())
                .containsEntry("strimzi.io/cluster", kafka.getMetadata().getName()));
        assertThat(nodesWithRole(pools, ProcessRoles.BROKER)).as("brokers").isEqualTo(3);
        // A quorum of three controllers survives losing one; an even count would add nothing.
        assertThat(nodesWithRole(pools, ProcessRoles.CONTROLLER)).as("controllers").isEqualTo(3);

        Map<String, String> config = new TreeMap<>();
        kafka.getSpec().getKafka().getConfig().forEach((key, value) -> config.put(key, String.valueOf(value)));
        assertThat(config)
                .containsEntry("default.replication.factor", "3")
                .containsEntry("min.insync.replicas", "2")
                .containsEntry("unclean.leader.election.enable", "false")
                .containsEntry("offsets.topic.replication.factor", "3")
                .containsEntry("transaction.state.log.replication.factor", "3")
                .containsEntry("transaction.state.log.min.isr", "2")
                .containsEntry("auto.create.topics.enable", "false");
        // Strimzi refuses (and drops) options it manages itself; its own list says which.
        List<String> forbidden = commaSeparated(KafkaClusterSpec.FORBIDDEN_PREFIXES);
        List<String> exceptions = commaSeparated(KafkaClusterSpec.FORBIDDEN_PREFIX_EXCEPTIONS);
        assertThat(config.keySet()).allSatisfy(key -> assertThat(forbidden.stream().anyMatch(key::startsWith)
                && !exceptions.contains(key)).as("%s is managed by Strimzi", key).isFalse());
    }

    @Test
    void theTopicsAreThePaymentCatalogueAndTheRegistryJournalEachWithThreeReplicas() {
        Kafka kafka = single(Kafka.class);
        Map<String, KafkaTopic> topics = all(KafkaTopic.class).stream()
                .collect(Collectors.toMap(this::topicName, topic -> topic));
        assertThat(topics.values()).allSatisfy(topic -> {
            assertThat(topic.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", kafka.getMetadata().getName());
            assertThat(topic.getSpec().getReplicas()).as("replicas of " + topicName(topic)).isEqualTo(3);
        });

        Map<String, String> registry = literalEnvironment(container(deployment("schema-registry")));
        Set<String> registryTopics = Set.of(registry.get("APICURIO_KAFKASQL_TOPIC"), registry.get("APICURIO_KAFKASQL_SNAPSHOTS_TOPIC"));
        for (String name : registryTopics) {
            KafkaTopic journal = topics.get(name);
            assertThat(journal).as("the registry's topic " + name).isNotNull();
            // Apicurio replays its whole state from the journal, in order: one partition, never trimmed.
            assertThat(journal.getSpec().getPartitions()).isEqualTo(1);
            assertThat(configs(journal)).containsEntry("retention.ms", "-1").containsEntry("retention.bytes", "-1")
                    .containsEntry("cleanup.policy", "delete");
        }

        Map<String, Layout> expected = PaymentTopics.all().stream()
                .collect(Collectors.toMap(topic -> topic.name(), topic -> new Layout(topic.partitions(), topic.configs())));
        Map<String, Layout> declared = topics.values().stream().filter(topic -> !registryTopics.contains(topicName(topic)))
                .collect(Collectors.toMap(this::topicName, topic -> new Layout(topic.getSpec().getPartitions(), configs(topic))));
        assertThat(declared).isEqualTo(expected);
    }

    @Test
    void theRegistryKeepsItsSchemasInTheCluster() {
        Container registry = container(deployment("schema-registry"));
        assertThat(literalEnvironment(registry))
                .containsEntry("APICURIO_STORAGE_KIND", "kafkasql")
                .containsEntry("APICURIO_KAFKASQL_BOOTSTRAP_SERVERS", bootstrapServers());
        assertThat(registry.getImage()).isEqualTo("apicurio/apicurio-registry:3.3.3");
        assertThat(registry.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/health/ready");
        assertThat(registry.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/health/live");
    }

    /** The sandbox is UseePay's and WeChat's stand-in: it has no place in production, every other service has. */
    @Test
    void everyServiceHasADeploymentAServiceAndADisruptionBudgetSelectingIt() {
        assertThat(all(Deployment.class).stream().map(d -> d.getMetadata().getName()))
                .containsExactlyInAnyOrderElementsOf(Stream.concat(productionServices().stream().map(ServiceDefinition::name),
                        Stream.of("schema-registry")).toList());
        for (Deployment deployment : all(Deployment.class)) {
            String name = deployment.getMetadata().getName();
            Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
            assertThat(podLabels).as("pods of " + name + " carry their selector's labels")
                    .containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels());

            List<Service> services = all(Service.class).stream()
                    .filter(service -> selects(service.getSpec().getSelector(), podLabels)).toList();
            assertThat(services).as("Services in front of " + name).hasSize(1);

            List<PodDisruptionBudget> budgets = all(PodDisruptionBudget.class).stream()
                    .filter(budget -> budget.getSpec().getSelector().getMatchExpressions().isEmpty()
                            && selects(budget.getSpec().getSelector().getMatchLabels(), podLabels)).toList();
            assertThat(budgets).as("disruption budgets of " + name).hasSize(1);
            // A budget that allows no disruption blocks every node drain; one that allows all protects nothing.
            PodDisruptionBudget budget = budgets.getFirst();
            int replicas = deployment.getSpec().getReplicas();
            assertThat(replicas).as("replicas of " + name).isGreaterThanOrEqualTo(2);
            int allowed = budget.getSpec().getMaxUnavailable() != null ? budget.getSpec().getMaxUnavailable().getIntVal()
                    : replicas - budget.getSpec().getMinAvailable().getIntVal();
            assertThat(allowed).as("pods of " + name + " a drain may take at once").isBetween(1, replicas - 1);
        }
    }

    @Test
    void everyDeploymentHasBothProbesAndResourceRequestsAndLimits() {
        for (Deployment deployment : all(Deployment.class)) {
            for (Container container : deployment.getSpec().getTemplate().getSpec().getContainers()) {
                String name = deployment.getMetadata().getName() + "/" + container.getName();
                assertThat(container.getReadinessProbe()).as("readiness probe of " + name).isNotNull();
                assertThat(container.getLivenessProbe()).as("liveness probe of " + name).isNotNull();
                assertBounded(name, container.getResources());
            }
        }
        for (Job job : all(Job.class)) {
            job.getSpec().getTemplate().getSpec().getContainers()
                    .forEach(container -> assertBounded(job.getMetadata().getName(), container.getResources()));
        }
        for (KafkaNodePool pool : all(KafkaNodePool.class)) {
            assertBounded("node pool " + pool.getMetadata().getName(), pool.getSpec().getResources());
        }
    }

    /** The actuator probe groups, on the management port that the service is told to open. */
    @Test
    void everyServiceIsProbedOnItsActuatorGroupsOnTheManagementPort() {
        for (ServiceDefinition service : productionServices()) {
            Container container = container(deployment(service.name()));
            assertThat(literalEnvironment(container)).as(service.name())
                    .containsEntry("MANAGEMENT_SERVER_PORT", String.valueOf(MANAGEMENT_PORT));
            assertThat(port(container, "management")).as("management port of " + service.name()).isEqualTo(MANAGEMENT_PORT);
            assertProbe(service.name() + " readiness", container, container.getReadinessProbe(), service.readinessPath());
            assertProbe(service.name() + " liveness", container, container.getLivenessProbe(), "/actuator/health/liveness");
            if (container.getStartupProbe() != null) {
                assertProbe(service.name() + " start-up", container, container.getStartupProbe(), "/actuator/health/liveness");
            }
        }
    }

    /**
     * The HTTP port is the one the service is told to listen on, the Services send to it, and the addresses services are given are those of the cluster's members.
     */
    @Test
    void portsAndAddressesAgreeWithTheServicesSettings() {
        for (Deployment deployment : all(Deployment.class)) {
            Container container = container(deployment);
            String name = deployment.getMetadata().getName();
            Map<String, String> environment = literalEnvironment(container);
            int http = port(container, "http");
            // Ours listen where SERVER_PORT says (server.port); the registry where QUARKUS_HTTP_PORT does.
            String setting = environment.containsKey("QUARKUS_HTTP_PORT") ? "QUARKUS_HTTP_PORT" : "SERVER_PORT";
            assertThat(environment).as(name + " is told its port").containsKey(setting);
            assertThat(http).as("http port of " + name).isEqualTo(Integer.parseInt(environment.get(setting)));
            assertThat(container.getPorts().stream().map(ContainerPort::getContainerPort).distinct())
                    .as("ports of " + name).hasSize(container.getPorts().size());
            Service service = all(Service.class).stream().filter(s -> s.getMetadata().getName().equals(name)).findFirst().orElseThrow();
            for (ServicePort servicePort : service.getSpec().getPorts()) {
                assertThat(resolve(container, servicePort.getTargetPort())).as("target of Service " + name).isEqualTo(http);
            }
        }
        Service registry = service("schema-registry");
        String registryUrl = "http://" + registry.getMetadata().getName() + ":" + registry.getSpec().getPorts().getFirst().getPort();
        List<Container> kafkaClients = new ArrayList<>(productionServices().stream().map(s -> container(deployment(s.name()))).toList());
        all(Job.class).forEach(job -> kafkaClients.addAll(job.getSpec().getTemplate().getSpec().getContainers()));
        for (Container client : kafkaClients) {
            assertThat(literalEnvironment(client)).as(client.getName())
                    .containsEntry("SPRING_KAFKA_BOOTSTRAP_SERVERS", bootstrapServers())
                    .containsEntry("REGISTRY_URL", registryUrl);
        }
    }

    /** A variable the service does not read is a typo or a leftover, and whatever it meant to set is not set. */
    @Test
    void everyVariableADeploymentSetsIsOneItsServiceReads() {
        for (ServiceDefinition service : productionServices()) {
            ServiceBindings bindings = ServiceBindings.of(repository, service.name());
            assertThat(container(deployment(service.name())).getEnv().stream().map(EnvVar::getName))
                    .as("variables of " + service.name() + " that it does not read")
                    .allSatisfy(variable -> assertThat(bindings.binds(variable)).as(variable).isTrue());
        }
    }

    /** The check above would pass on anything if the bindings were read wrongly: it knows read from unread. */
    @Test
    void theBindingsOfAServiceComeFromItsPropertiesPlaceholdersAndSecrets() {
        ServiceBindings reconciliation = ServiceBindings.of(repository, ServiceCatalogue.RECONCILIATION_SERVICE);
        assertThat(reconciliation.binds("RECONCILIATION_STREAMS_STATEDIR")).as("a nested record's component").isTrue();
        assertThat(reconciliation.binds("RECONCILIATION_STREAMS_STATE_DIR")).as("the same, dashes as underscores").isTrue();
        assertThat(reconciliation.binds("RECONCILIATION_REFUNDSETTLEWINDOW")).as("a record component not in application.yml").isTrue();
        assertThat(reconciliation.binds("USEEPAY_MD5_KEY")).as("a key read from the Environment").isTrue();
        assertThat(reconciliation.binds("LOGGING_LEVEL_ORG_APACHE_KAFKA")).isTrue();
        assertThat(reconciliation.binds("RECONCILIATION_TIMESCALES")).isFalse();
        assertThat(reconciliation.binds("NOTIFY_STATE_DIR")).as("another service's variable").isFalse();
        ServiceBindings notify = ServiceBindings.of(repository, ServiceCatalogue.NOTIFY_SERVICE);
        assertThat(notify.binds("NOTIFY_REPLICATION_FACTOR")).as("a placeholder of application.yml").isTrue();
        assertThat(notify.binds("USEEPAY_MERCHANTNO")).as("useepay-client's record, from a module notify depends on").isTrue();
        assertThat(notify.binds("USEEPAY_MERCHANT_NUMBER")).isFalse();
        assertThat(ServiceBindings.of(repository, ServiceCatalogue.GATEWAY_SERVICE).binds("GATEWAY_HTTP_TRUSTEDPROXIES")).isTrue();
    }

    /** The cluster runs the same jars as bin/local-stack: each service needs every variable the local stack gives it. */
    @Test
    void everyServiceGetsEveryVariableTheLocalStackGivesIt() {
        StackAddresses addresses = new StackAddresses("kafka:9092", "http://registry:8080", ServiceCatalogue.all().stream()
                .collect(Collectors.toMap(ServiceDefinition::name, ServiceDefinition::conventionalPort)));
        for (ServiceDefinition service : productionServices()) {
            Map<String, String> localStack = service.environment().apply(new ServiceContext(addresses,
                    DevSecrets.generate(), ServiceSettings.REAL_TIME, Path.of("/stack", service.name())));
            assertThat(container(deployment(service.name())).getEnv().stream().map(EnvVar::getName))
                    .as("variables of " + service.name()).containsAll(localStack.keySet());
        }
    }

    /**
     * The load benchmarks' figures hold for production only if production runs the JVM they measure; left to
     * itself, the JVM would choose its collector from each pod's size.
     */
    @Test
    void everyServiceRunsTheJvmOptionsTheLoadBenchmarksMeasure() {
        for (ServiceDefinition service : productionServices()) {
            String options = container(deployment(service.name())).getEnv().stream()
                    .filter(variable -> variable.getName().equals("JAVA_TOOL_OPTIONS")).map(EnvVar::getValue)
                    .findFirst().orElse("");
            assertThat(Arrays.asList(options.split("\\s+"))).as("JAVA_TOOL_OPTIONS of " + service.name())
                    .containsAll(StackOptions.AS_DEPLOYED);
        }
    }

    /**
     * A secret written into a manifest is in every clone of the repository. Every variable named like a
     * secret comes from a Secret object, there is no Secret object here, and the README says how to create
     * each Secret and key the manifests use.
     */
    @Test
    void noSecretIsWrittenIntoAManifest() throws IOException {
        assertThat(manifests).noneMatch(manifest -> manifest.resource().getKind().equals("Secret"));
        Map<String, Set<String>> documented = documentedSecrets();
        List<String> secretsSeen = new ArrayList<>();
        for (Container container : allContainers()) {
            for (EnvVar variable : container.getEnv()) {
                if (SECRET_NAME.matcher(variable.getName()).matches()) {
                    secretsSeen.add(container.getName() + "." + variable.getName());
                    assertThat(variable.getValue()).as(variable.getName() + " of " + container.getName()).isNull();
                    assertThat(variable.getValueFrom()).as(variable.getName() + " of " + container.getName()).isNotNull();
                    assertThat(variable.getValueFrom().getSecretKeyRef()).as(variable.getName() + " from a Secret").isNotNull();
                }
                if (variable.getValueFrom() != null && variable.getValueFrom().getSecretKeyRef() != null) {
                    var reference = variable.getValueFrom().getSecretKeyRef();
                    assertThat(documented.getOrDefault(reference.getName(), Set.of()))
                            .as("README's kubectl create secret for %s, key %s", reference.getName(), reference.getKey())
                            .contains(reference.getKey());
                }
            }
        }
        assertThat(secretsSeen).contains("gateway-service.GATEWAY_TOKEN_KEY", "gateway-service.WECHAT_APP_SECRET",
                "order-service.USEEPAY_MD5_KEY", "notify-service.USEEPAY_MD5_KEY", "reconciliation-service.USEEPAY_MD5_KEY");
        for (ConfigMap configMap : all(ConfigMap.class)) {
            assertThat(configMap.getData().keySet()).as("keys of ConfigMap " + configMap.getMetadata().getName())
                    .noneMatch(key -> key.matches(".*(key|secret|password|token)$"));
        }
    }

    @Test
    void everyConfigMapReferenceNamesAKeyThatExists() {
        Map<String, Map<String, String>> configMaps = all(ConfigMap.class).stream()
                .collect(Collectors.toMap(configMap -> configMap.getMetadata().getName(), ConfigMap::getData));
        for (Container container : allContainers()) {
            container.getEnv().stream().filter(variable -> variable.getValueFrom() != null
                            && variable.getValueFrom().getConfigMapKeyRef() != null)
                    .map(variable -> variable.getValueFrom().getConfigMapKeyRef())
                    .forEach(reference -> assertThat(configMaps.getOrDefault(reference.getName(), Map.of()))
                            .as("ConfigMap %s used by %s", reference.getName(), container.getName())
                            .containsKey(reference.getKey()));
        }
    }

    private record Layout(int partitions, Map<String, String> configs) {
    }

    private void assertProbe(String what, Container container, Probe probe, String path) {
        assertThat(probe).as(what).isNotNull();
        HTTPGetAction get = probe.getHttpGet();
        assertThat(get).as(what + " is an HTTP GET").isNotNull();
        assertThat(get.getPath()).as(what).isEqualTo(path);
        assertThat(resolve(container, get.getPort())).as(what + " port").isEqualTo(MANAGEMENT_PORT);
    }

    private static void assertBounded(String what, ResourceRequirements resources) {
        assertThat(resources).as("resources of " + what).isNotNull();
        for (String resource : List.of("cpu", "memory")) {
            Quantity request = resources.getRequests().get(resource);
            Quantity limit = resources.getLimits().get(resource);
            assertThat(request).as(resource + " request of " + what).isNotNull();
            assertThat(limit).as(resource + " limit of " + what).isNotNull();
            assertThat(request.getNumericalAmount()).as(resource + " request within the limit, " + what)
                    .isLessThanOrEqualTo(limit.getNumericalAmount());
        }
    }

    private static int port(Container container, String name) {
        return container.getPorts().stream().filter(port -> name.equals(port.getName())).findFirst()
                .map(ContainerPort::getContainerPort)
                .orElseThrow(() -> new AssertionError(container.getName() + " has no port named " + name));
    }

    private static int resolve(Container container, IntOrString port) {
        return port.getIntVal() != null ? port.getIntVal() : port(container, port.getStrVal());
    }

    /** {@code <cluster>-kafka-bootstrap:<port>}: the Service Strimzi creates for the plain listener. */
    private String bootstrapServers() {
        Kafka kafka = single(Kafka.class);
        GenericKafkaListener plain = kafka.getSpec().getKafka().getListeners().stream()
                .filter(listener -> !listener.isTls()).findFirst().orElseThrow();
        return kafka.getMetadata().getName() + "-kafka-bootstrap:" + plain.getPort();
    }

    private static List<ServiceDefinition> productionServices() {
        return ServiceCatalogue.all().stream().filter(service -> !service.name().equals(ServiceCatalogue.SANDBOX)).toList();
    }

    private static int nodesWithRole(List<KafkaNodePool> pools, ProcessRoles role) {
        return pools.stream().filter(pool -> pool.getSpec().getRoles().contains(role))
                .mapToInt(pool -> pool.getSpec().getReplicas()).sum();
    }

    private String topicName(KafkaTopic topic) {
        return Optional.ofNullable(topic.getSpec().getTopicName()).orElse(topic.getMetadata().getName());
    }

    private static Map<String, String> configs(KafkaTopic topic) {
        Map<String, String> configs = new HashMap<>();
        Objects.requireNonNullElse(topic.getSpec().getConfig(), Map.<String, Object>of())
                .forEach((key, value) -> configs.put(key, String.valueOf(value)));
        return configs;
    }

    private static Map<String, String> literalEnvironment(Container container) {
        Map<String, String> environment = new HashMap<>();
        container.getEnv().stream().filter(variable -> variable.getValue() != null)
                .forEach(variable -> environment.put(variable.getName(), variable.getValue()));
        return environment;
    }

    private static boolean selects(Map<String, String> selector, Map<String, String> labels) {
        return selector != null && !selector.isEmpty() && labels.entrySet().containsAll(selector.entrySet());
    }

    private static List<String> commaSeparated(String list) {
        return Arrays.stream(list.split(",")).map(String::strip).filter(entry -> !entry.isEmpty()).toList();
    }

    private List<Container> allContainers() {
        List<Container> containers = new ArrayList<>();
        all(Deployment.class).forEach(d -> containers.addAll(d.getSpec().getTemplate().getSpec().getContainers()));
        all(Job.class).forEach(j -> containers.addAll(j.getSpec().getTemplate().getSpec().getContainers()));
        return containers;
    }

    /** Secret name to its keys, from the README's {@code kubectl create secret generic} commands. */
    private Map<String, Set<String>> documentedSecrets() throws IOException {
        String readme = Files.readString(repository.resolve("README.md")).replace("\\\n", " ");
        Map<String, Set<String>> secrets = new HashMap<>();
        for (String line : readme.lines().toList()) {
            Matcher command = CREATE_SECRET.matcher(line);
            if (command.find()) {
                secrets.put(command.group(1), SECRET_SOURCE.matcher(command.group(2)).results()
                        .map(source -> source.group(1)).collect(Collectors.toSet()));
            }
        }
        return secrets;
    }

    private Deployment deployment(String name) {
        return all(Deployment.class).stream().filter(d -> d.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("No Deployment " + name));
    }

    private Service service(String name) {
        return all(Service.class).stream().filter(s -> s.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("No Service " + name));
    }

    private static Container container(Deployment deployment) {
        List<Container> containers = deployment.getSpec().getTemplate().getSpec().getContainers();
        assertThat(containers).as("containers of " + deployment.getMetadata().getName()).hasSize(1);
        return containers.getFirst();
    }

    private <T extends HasMetadata> T single(Class<T> kind) {
        List<T> resources = all(kind);
        assertThat(resources).as(kind.getSimpleName()).hasSize(1);
        return resources.getFirst();
    }

    private <T extends HasMetadata> List<T> all(Class<T> kind) {
        return manifests.stream().map(Manifest::resource).filter(kind::isInstance).map(kind::cast).toList();
    }

    private static boolean readsWithoutError(StrictManifests reader, String yaml) {
        try {
            return !reader.read(yaml).isEmpty();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The nearest folder above the working directory that holds both the root pom and deploy/kubernetes. */
    private static Path repositoryRoot() {
        for (Path folder = Path.of("").toAbsolutePath(); folder != null; folder = folder.getParent()) {
            if (Files.isDirectory(folder.resolve("deploy/kubernetes")) && Files.exists(folder.resolve("pom.xml"))) {
                return folder;
            }
        }
        throw new AssertionError("No deploy/kubernetes above " + Path.of("").toAbsolutePath());
    }
}
