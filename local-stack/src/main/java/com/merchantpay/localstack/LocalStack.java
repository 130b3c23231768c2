package com.merchantpay.localstack;

import com.merchantpay.localstack.broker.KafkaBrokerProcess;
import com.merchantpay.localstack.broker.KafkaCluster;
import com.merchantpay.localstack.process.StackFolders;
import com.merchantpay.localstack.process.StackMember;
import com.merchantpay.localstack.registry.RegistryProcess;
import com.merchantpay.localstack.service.DevSecrets;
import com.merchantpay.localstack.service.ServiceCatalogue;
import com.merchantpay.localstack.service.ServiceDefinition;
import com.merchantpay.localstack.service.ServiceInstances;
import com.merchantpay.localstack.service.ServiceJars;
import com.merchantpay.localstack.service.ServiceProcess;
import com.merchantpay.localstack.service.ServiceProcess.ServiceSpec;
import com.merchantpay.localstack.process.FreePorts;
import com.merchantpay.localstack.service.StackAddresses;
import com.merchantpay.localstack.topics.TopicProvisioner;
import com.merchantpay.schemas.registry.RegistrySettings;
import com.merchantpay.schemas.registry.SchemaRegistration;
import com.merchantpay.schemas.registry.SchemaRegistryClient;
import com.merchantpay.schemas.topics.PaymentTopics;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole backend on one machine without Docker: a Kafka broker (or, with
 * {@link StackOptions#withBrokers}, a cluster of three) and a schema registry (kafkasql storage, so
 * schemas live in the broker and survive restarts) as child processes, the workflow's
 * topics and the event schemas, then (with {@link StackOptions#wholeWorkflow}) the sandbox and the
 * four services from their executable jars, in {@link ServiceCatalogue}'s order. Everything is
 * written under one folder ({@code <repo>/.stack} from {@code bin/local-stack}); broker data is kept
 * across runs. Members stop in reverse order of start.
 *
 * <p>The e2e tests run exactly this, so chaos and load runs can reach each member: {@link #service}
 * stops, kills and restarts a service, {@link #broker()} the broker ({@link #brokers()} every node of a cluster). With
 * {@link StackOptions#withInstances} each Kafka-consuming service runs several times
 * ({@link ServiceInstances}); {@link #instances} lists them.
 */
public final class LocalStack implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalStack.class);
    public static final String HOME_PROPERTY = "local-stack.home";
    public static final String REPOSITORY_PROPERTY = "local-stack.repository";

    private final StackFolders folders;
    private final StackOptions options;
    private final ServiceInstances serviceInstances;
    private final Deque<StackMember> running = new ArrayDeque<>();
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    private final Map<String, Duration> startTimes = new LinkedHashMap<>();
    private KafkaCluster kafka;
    private RegistryProcess registry;
    private volatile boolean closing;

    private LocalStack(StackFolders folders, StackOptions options) {
        this.folders = folders;
        this.options = options;
        this.serviceInstances = new ServiceInstances(options.instances());
    }

    /** Broker, registry, topics and schemas under {@code root}; see {@link #start(Path, StackOptions)}. */
    public static LocalStack start(Path root) {
        return start(root, StackOptions.infrastructureOnly());
    }

    /**
     * Starts the stack under {@code root}, first stopping whatever a crashed earlier run left alive.
     * Returns once every member answers its readiness check; a member that fails to start stops the
     * ones already started.
     */
    public static LocalStack start(Path root, StackOptions options) {
        LocalStack stack = new LocalStack(new StackFolders(root), options);
        try {
            stack.startMembers();
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    private void startMembers() {
        int leftovers = folders.stopLeftovers();
        if (leftovers > 0) {
            log.warn("Stopped {} process(es) left running by a previous local stack", leftovers);
        }
        kafka = KafkaCluster.create(folders, options.brokers());
        launchKafka();
        provisionTopics();
        registry = RegistryProcess.create(folders, new RegistryProcess.Storage.KafkaSql(kafka.bootstrapServers(),
                kafka.layout().replicationFactor(), kafka.layout().minInSyncReplicas()));
        launch(registry, registry::start);
        List<SchemaRegistration.Registered> schemas =
                SchemaRegistration.registerAll(new SchemaRegistryClient(RegistrySettings.of(registry.baseUrl())));
        log.info("Registered {} event schemas ({})", schemas.size(), SchemaRegistration.COMPATIBILITY);
        options.serviceJars().ifPresent(this::startServices);
    }

    private void startServices(ServiceJars jars) {
        StackAddresses addresses = addresses();
        DevSecrets secrets = DevSecrets.generate();
        for (ServiceDefinition definition : ServiceCatalogue.all()) {
            Path jar = jars.jarOf(definition.name());
            for (String instance : serviceInstances.namesOf(definition.name())) {
                services.put(instance, new ServiceProcess(folders, new ServiceSpec(instance, jar, addresses.portOf(instance), addresses.managementPortOf(instance),
                        definition.readinessPath(), definition.maxHeapMegabytes(), options.serviceJvmOptions(),
                        environmentOf(definition, instance, addresses, secrets))));
            }
        }
        // Instance k of a stage's services boots once instance k-1 is ready: as many JVMs start side by
        // side as with one instance (a start is mostly single-threaded; six at once on two cores took
        // longer than the readiness timeout), and each later instance joins a running consumer group.
        for (List<String> stage : ServiceCatalogue.startStages()) {
            for (int number = 1; number <= serviceInstances.count(); number++) {
                int wave = number;
                List<ServiceProcess> launched = stage.stream().filter(service -> serviceInstances.countOf(service) >= wave)
                        .map(service -> services.get(ServiceInstances.name(service, wave))).toList();
                if (!launched.isEmpty()) {
                    launchTogether(launched);
                }
            }
        }
    }

    /**
     * The catalogue's environment as this instance sees the stack (its own port, its own home for
     * state, the same-numbered instance of any service it names), then the overrides for the service
     * and for this instance.
     */
    private Map<String, String> environmentOf(ServiceDefinition definition, String instance, StackAddresses addresses,
                                              DevSecrets secrets) {
        Map<String, String> environment = new HashMap<>(definition.environment().apply(
                serviceInstances.contextOf(instance, addresses, secrets, options.settings(), folders.homeOf(instance))
                        .withReplicationFactor(kafka.layout().replicationFactor())));
        environment.putAll(options.environmentOverrides().getOrDefault(definition.name(), Map.of()));
        if (!instance.equals(definition.name())) {
            environment.putAll(options.environmentOverrides().getOrDefault(instance, Map.of()));
        }
        return environment;
    }

    /**
     * Starts the services of one stage in catalogue order, then waits for each: they boot side by
     * side (a Spring Boot start is mostly single-threaded), and none depends on another of its stage.
     */
    private void launchTogether(List<ServiceProcess> stage) {
        long began = System.nanoTime();
        for (ServiceProcess service : stage) {
            running.push(service);
            service.launch();
        }
        for (ServiceProcess service : stage) {
            service.awaitReady();
            Duration took = Duration.ofNanos(System.nanoTime() - began);
            startTimes.put(service.name(), took);
            log.info("{} ready in {} ms", service.name(), took.toMillis());
        }
    }

    /**
     * Every port is chosen before the first service starts: environments name each other's addresses.
     * By instance name; further instances ask for the conventional port + 100 per instance. Services
     * with actuator get a second, management port (health and metrics stay off the public API port).
     */
    private StackAddresses addresses() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        Map<String, Integer> managementPorts = new LinkedHashMap<>();
        Set<Integer> taken = new HashSet<>();
        for (ServiceDefinition definition : ServiceCatalogue.all()) {
            for (int number = 1; number <= serviceInstances.countOf(definition.name()); number++) {
                String instance = ServiceInstances.name(definition.name(), number);
                ports.put(instance, choosePort(ServiceInstances.conventionalPort(definition, number), instance, taken));
                if (definition.hasManagementPort()) {
                    managementPorts.put(instance, choosePort(
                            ServiceInstances.conventionalManagementPort(definition, number), instance, taken));
                }
            }
        }
        return new StackAddresses(kafka.bootstrapServers(), registry.baseUrl(), ports, managementPorts);
    }

    private int choosePort(int conventional, String instance, Set<Integer> taken) {
        int port = conventional;
        if (options.ports() == StackOptions.PortChoice.FREE || taken.contains(port) || !FreePorts.isFree(port)) {
            if (options.ports() == StackOptions.PortChoice.CONVENTIONAL) {
                log.warn("Port {} of {} is taken; using a free one", port, instance);
            }
            do {
                port = FreePorts.next();
            } while (taken.contains(port));
        }
        taken.add(port);
        return port;
    }

    private void launch(StackMember member, Runnable start) {
        // Recorded before it starts, so that a start that fails half-way is still stopped by close().
        running.push(member);
        long began = System.nanoTime();
        start.run();
        Duration took = Duration.ofNanos(System.nanoTime() - began);
        startTimes.put(member.name(), took);
        log.info("{} ready in {} ms", member.name(), took.toMillis());
    }

    /** Every node, each recorded before it starts (so that close() stops a half-started cluster too), then the wait for all. */
    private void launchKafka() {
        kafka.nodes().forEach(running::push);
        long began = System.nanoTime();
        kafka.start();
        Duration took = Duration.ofNanos(System.nanoTime() - began);
        kafka.nodes().forEach(node -> startTimes.put(node.name(), took));
        log.info("Kafka ({} node(s)) ready in {} ms", kafka.nodes().size(), took.toMillis());
    }

    private void provisionTopics() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            List<String> created = new TopicProvisioner(admin, kafka.layout().replicationFactor(), kafka.layout().minInSyncReplicas())
                    .provision(PaymentTopics.all());
            log.info("Created {} topic(s) with replication factor {}: {}", created.size(), kafka.layout().replicationFactor(), created);
        }
    }

    /** Every Kafka node's address ({@code 127.0.0.1:<port>}, comma-separated): what the services are given. */
    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** The registry's root URL (every service's {@code REGISTRY_URL}); Confluent clients use root + /apis/ccompat/v7. */
    public String registryUrl() {
        return registry.baseUrl();
    }

    public Path logDirectory() {
        return folders.logs();
    }

    /** The broker of a single-broker stack; node 1 of a cluster. */
    public KafkaBrokerProcess broker() {
        return kafka.node(1);
    }

    /** Every Kafka node, node 1 first: one unless the stack runs {@link StackOptions#withBrokers three}. */
    public List<KafkaBrokerProcess> brokers() {
        return kafka.nodes();
    }

    /** The Kafka nodes as one: their layout, a node by id. */
    public KafkaCluster kafka() {
        return kafka;
    }

    public RegistryProcess registry() {
        return registry;
    }

    /**
     * A running service by its {@link ServiceCatalogue} name (its first instance) or by an instance's
     * name ({@code order-service-2}): to stop, kill or restart it, or find its log.
     */
    public ServiceProcess service(String name) {
        ServiceProcess service = services.get(name);
        if (service == null) {
            throw new IllegalArgumentException("No service " + name + " in this stack; running: " + services.keySet());
        }
        return service;
    }

    /**
     * Every instance of a {@link ServiceCatalogue} service, the first one (named as the service) first:
     * one element unless the stack runs {@link StackOptions#withInstances several}, and always one for the sandbox.
     */
    public List<ServiceProcess> instances(String service) {
        ServiceCatalogue.named(service);
        return serviceInstances.namesOf(service).stream().map(this::service).toList();
    }

    /** A service's root URL, e.g. {@code http://127.0.0.1:8080} for the gateway. */
    public URI serviceUrl(String name) {
        return service(name).baseUrl();
    }

    public StackOptions options() {
        return options;
    }

    /** How long each member took from launch to ready, in start order. */
    public Map<String, Duration> startTimes() {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(startTimes));
    }

    /** PID of each member that was started, by member name. */
    public Map<String, Long> pids() {
        Map<String, Long> pids = new LinkedHashMap<>();
        running.descendingIterator().forEachRemaining(member ->
                member.pid().ifPresent(pid -> pids.put(member.name(), pid)));
        return pids;
    }

    /** Completes when any member exits on its own; the launcher then shuts the rest down. */
    public CompletableFuture<StackMember> anyMemberExit() {
        CompletableFuture<StackMember> first = new CompletableFuture<>();
        running.forEach(member -> member.onExit().thenRun(() -> first.complete(member)));
        return first;
    }

    /** Stops the members in reverse order of start (services, registry, broker) and waits for each. */
    @Override
    public synchronized void close() {
        closing = true;
        while (!running.isEmpty()) {
            StackMember member = running.pop();
            try {
                if (member instanceof KafkaBrokerProcess) {
                    // The nodes were started one after the other and stop all at once (KafkaCluster.stop says why).
                    while (running.peek() instanceof KafkaBrokerProcess) {
                        running.pop();
                    }
                    kafka.stop();
                } else {
                    member.close();
                }
            } catch (RuntimeException e) {
                log.error("Could not stop {}", member.name(), e);
            }
        }
    }

    /**
     * {@code LocalStack [stack folder] [--time-scale=<x>] [--order-expiry-minutes=<n>] [--instances=<n>] [--brokers=<1|3>] [--infrastructure-only]};
     * the services' jars are taken from the build folders of the repository named by
     * {@code -Dlocal-stack.repository} (default: the working directory).
     */
    public static void main(String[] args) {
        Path root = Path.of(System.getProperty(HOME_PROPERTY, ".stack"));
        StackOptions options = StackOptions.wholeWorkflow(
                ServiceJars.inBuildFolders(Path.of(System.getProperty(REPOSITORY_PROPERTY, ""))));
        int brokers = 1;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if ((arg.equals("--instances") || arg.equals("--brokers")) && i + 1 < args.length) {
                arg = arg + "=" + args[++i];
            }
            if (arg.startsWith("--brokers=")) {
                brokers = Integer.parseInt(arg.substring("--brokers=".length()));
            } else if (arg.startsWith("--instances=")) {
                options = options.withInstances(Integer.parseInt(arg.substring("--instances=".length())));
            } else if (arg.startsWith("--time-scale=")) {
                options = options.withTimeScale(Double.parseDouble(arg.substring("--time-scale=".length())));
            } else if (arg.startsWith("--order-expiry-minutes=")) {
                options = options.withOrderExpiry(Duration.ofMinutes(Long.parseLong(arg.substring("--order-expiry-minutes=".length()))));
            } else if (arg.equals("--infrastructure-only")) {
                options = StackOptions.infrastructureOnly();
            } else if (arg.startsWith("--")) {
                System.err.println("Unknown option " + arg);
                System.exit(2);
            } else {
                root = Path.of(arg);
            }
        }
        // Applied last: --infrastructure-only replaces the options, and the cluster's size holds for either.
        options = options.withBrokers(brokers);
        long began = System.nanoTime();
        LocalStack stack = start(root, options);
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "local-stack-shutdown"));
        System.out.print(stack.describe(Duration.ofNanos(System.nanoTime() - began)));
        StackMember exited = stack.anyMemberExit().join();
        if (stack.closing) {
            return; // Ctrl-C: the shutdown hook is stopping the members
        }
        log.error("{} exited on its own; stopping the local stack. See {}", exited.name(), stack.logDirectory());
        System.exit(1);
    }

    /** Where everything listens, for people: printed by the launcher. */
    public String describe(Duration tookToStart) {
        StringBuilder text = new StringBuilder(String.format("""

                Local stack is up in %d ms (Ctrl-C stops everything)
                  Kafka bootstrap servers : %s
                  Kafka nodes             : %d (replication factor %d, min.insync.replicas %d)
                  Schema registry         : %s  (Confluent API: %s/apis/ccompat/v7)
                """, tookToStart.toMillis(), bootstrapServers(), kafka.nodes().size(), kafka.layout().replicationFactor(),
                kafka.layout().minInSyncReplicas(), registryUrl(), registryUrl()));
        if (!services.isEmpty()) {
            URI gateway = serviceUrl(ServiceCatalogue.GATEWAY_SERVICE);
            URI sandbox = serviceUrl(ServiceCatalogue.SANDBOX);
            text.append(String.format("""
                      Gateway (Mini Program)  : %s/api/v1  (OpenAPI: %s/v3/api-docs)
                      Sandbox admin           : %s/sandbox  (UseePay: %s/api, WeChat: %s/sns/jscode2session)
                      Time scale              : %s (order expiry %s as asked, %s as the sandbox runs it)
                    """, gateway, gateway, sandbox, sandbox, sandbox, options.settings().timeScale(),
                    options.settings().orderExpiry(), options.settings().scaledOrderExpiry()));
            services.forEach((name, service) -> text.append(String.format("  %-24s: %s%s%n",
                    name.replace("-service", "") + " health", service.managementUrl(),
                    ServiceCatalogue.named(serviceInstances.serviceOf(name)).healthPath())));
            if (serviceInstances.count() > 1) {
                text.append(String.format("  %-24s: %d of each of %s (sandbox: 1)%n", "Instances", serviceInstances.count(),
                        ServiceInstances.SCALABLE.stream().sorted().toList()));
            }
        }
        text.append(String.format("""
                  Logs                    : %s
                  Processes               : %s
                  Start times (ms)        : %s
                %n""", logDirectory(), pids(), startTimesMillis()));
        return text.toString();
    }

    private Map<String, Long> startTimesMillis() {
        Map<String, Long> millis = new LinkedHashMap<>();
        startTimes.forEach((member, took) -> millis.put(member, took.toMillis()));
        return millis;
    }
}
