package com.merchantpay.localstack;

import com.merchantpay.localstack.broker.KafkaBrokerProcess;
import com.merchantpay.localstack.broker.KafkaBrokerProcess.BrokerPorts;
import com.merchantpay.localstack.process.StackFolders;
import com.merchantpay.localstack.process.StackMember;
import com.merchantpay.localstack.registry.RegistryProcess;
import com.merchantpay.localstack.registry.SchemaPublisher;
import com.merchantpay.localstack.topics.TopicProvisioner;
import com.merchantpay.schemas.topics.PaymentTopics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole backend's infrastructure on one machine without Docker: a Kafka broker and a schema
 * registry (kafkasql storage, so schemas live in the broker and survive restarts) as child processes,
 * the workflow's topics and the event schemas. Everything is written under one folder
 * ({@code <repo>/.stack} from {@code bin/local-stack}); broker data is kept across runs.
 *
 * <p>Services are meant to join as further {@link StackMember}s started after the registry; members
 * stop in reverse order of start.
 */
public final class LocalStack implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalStack.class);
    public static final String HOME_PROPERTY = "local-stack.home";

    private final StackFolders folders;
    private final Deque<StackMember> running = new ArrayDeque<>();
    private KafkaBrokerProcess broker;
    private RegistryProcess registry;
    private volatile boolean closing;

    private LocalStack(StackFolders folders) {
        this.folders = folders;
    }

    /** Starts the stack under {@code root}, first stopping whatever a crashed earlier run left alive. */
    public static LocalStack start(Path root) {
        LocalStack stack = new LocalStack(new StackFolders(root));
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
        broker = KafkaBrokerProcess.create(folders,
                BrokerPorts.reuseOrPick(folders.homeOf(KafkaBrokerProcess.MEMBER).resolve("ports.properties")));
        launch(broker, broker::start);
        provisionTopics();
        registry = RegistryProcess.create(folders, new RegistryProcess.Storage.KafkaSql(broker.bootstrapServers()));
        launch(registry, registry::start);
        new SchemaPublisher(registry.baseUrl()).publishAll();
    }

    private void launch(StackMember member, Runnable start) {
        // Recorded before it starts, so that a start that fails half-way is still stopped by close().
        running.push(member);
        long began = System.nanoTime();
        start.run();
        log.info("{} ready in {} ms", member.name(), Duration.ofNanos(System.nanoTime() - began).toMillis());
    }

    private void provisionTopics() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            List<String> created = new TopicProvisioner(admin).provision(PaymentTopics.all());
            log.info("Created {} topic(s): {}", created.size(), created);
        }
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /** The registry's root URL; the serde wants {@link #registryApiUrl()}, Confluent clients root + /apis/ccompat/v7. */
    public String registryUrl() {
        return registry.baseUrl();
    }

    public String registryApiUrl() {
        return registry.registryApiUrl();
    }

    public Path logDirectory() {
        return folders.logs();
    }

    public KafkaBrokerProcess broker() {
        return broker;
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
                member.close();
            } catch (RuntimeException e) {
                log.error("Could not stop {}", member.name(), e);
            }
        }
    }

    public static void main(String[] args) {
        Path root = Path.of(args.length > 0 ? args[0] : System.getProperty(HOME_PROPERTY, ".stack"));
        long began = System.nanoTime();
        LocalStack stack = start(root);
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "local-stack-shutdown"));
        System.out.printf("""

                Local stack is up in %d ms (Ctrl-C stops everything)
                  Kafka bootstrap servers : %s
                  Schema registry         : %s  (serde: %s, Confluent API: %s/apis/ccompat/v7)
                  Logs                    : %s
                  Processes               : %s
                %n""",
                Duration.ofNanos(System.nanoTime() - began).toMillis(),
                stack.bootstrapServers(), stack.registryUrl(), stack.registryApiUrl(), stack.registryUrl(),
                stack.logDirectory(), stack.pids());
        StackMember exited = stack.anyMemberExit().join();
        if (stack.closing) {
            return; // Ctrl-C: the shutdown hook is stopping the members
        }
        log.error("{} exited on its own; stopping the local stack. See {}", exited.name(), stack.logDirectory());
        System.exit(1);
    }
}
