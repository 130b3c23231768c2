package com.merchantpay.localstack.broker;

import com.merchantpay.localstack.process.ChildProcess;
import com.merchantpay.localstack.process.FreePorts;
import com.merchantpay.localstack.process.JavaCommand;
import com.merchantpay.localstack.process.StackFolders;
import com.merchantpay.localstack.process.StackMember;
import java.io.Reader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;

/**
 * A single-node KRaft Kafka broker (broker and controller in one JVM) running as a child process from
 * the Maven Central jars. Its data stays in {@code home/data}, so a {@link #stop()} or {@link #kill()}
 * followed by {@link #start()} is a real broker restart on the same ports and the same log.
 */
public final class KafkaBrokerProcess implements StackMember {

    public static final String MEMBER = "kafka-broker";
    // Written by the build (see local-stack/pom.xml): jars only the broker needs, and jars it shares with this module.
    private static final String CLASSPATH_RESOURCE = "/local-stack/kafka-broker.classpath";
    private static final String SHARED_CLASSPATH_RESOURCE = "/local-stack/kafka-broker-shared.classpath";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final Path home;
    private final Path logDirectory;
    private final BrokerPorts ports;
    private final ChildProcess process;

    /** The two listeners of the node; fixed for the life of this object so restarts keep the address. */
    public record BrokerPorts(int client, int controller) {
        public static BrokerPorts free() {
            return new BrokerPorts(FreePorts.next(), FreePorts.next());
        }

        /**
         * The ports of the previous run recorded in {@code file} when they are still free, otherwise new
         * ones; recorded again either way. Stable ports keep the bootstrap address the same across
         * local-stack runs, so services configured once keep working.
         */
        public static BrokerPorts reuseOrPick(Path file) {
            BrokerPorts ports = read(file).filter(BrokerPorts::available).orElseGet(BrokerPorts::free);
            try {
                Files.createDirectories(file.getParent());
                Files.writeString(file, "client=" + ports.client() + "\ncontroller=" + ports.controller() + "\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return ports;
        }

        public boolean available() {
            return FreePorts.isFree(client) && FreePorts.isFree(controller);
        }

        private static Optional<BrokerPorts> read(Path file) {
            if (!Files.exists(file)) {
                return Optional.empty();
            }
            try (Reader reader = Files.newBufferedReader(file)) {
                Properties properties = new Properties();
                properties.load(reader);
                return Optional.of(new BrokerPorts(Integer.parseInt(properties.getProperty("client")),
                        Integer.parseInt(properties.getProperty("controller"))));
            } catch (IOException | RuntimeException e) {
                return Optional.empty();
            }
        }
    }

    private KafkaBrokerProcess(StackFolders folders, BrokerPorts ports) {
        this.home = folders.homeOf(MEMBER);
        this.logDirectory = folders.logs();
        this.ports = ports;
        this.process = new ChildProcess(new ChildProcess.Spec(MEMBER, brokerCommand().toCommandLine(), Map.of(),
                home, logDirectory.resolve("broker.out"), folders.pidFile(MEMBER)));
    }

    public static KafkaBrokerProcess create(StackFolders folders, BrokerPorts ports) {
        return new KafkaBrokerProcess(folders, ports);
    }

    /** A broker on fresh free ports with everything under {@code root}. */
    public static KafkaBrokerProcess create(Path root) {
        return new KafkaBrokerProcess(new StackFolders(root), BrokerPorts.free());
    }

    /** Formats the storage on first use, starts the broker and returns once it serves metadata requests. */
    public KafkaBrokerProcess start() {
        writeConfiguration();
        if (!Files.exists(dataDirectory().resolve("meta.properties"))) {
            formatStorage();
        }
        process.start();
        process.awaitReady(READY_TIMEOUT, this::servesMetadata);
        return this;
    }

    /** Graceful shutdown (SIGTERM) and wait for the exit: the log is flushed and closed cleanly. */
    public void stop() {
        process.stop();
    }

    /** kill -9: the broker gets no chance to flush or close anything, as in a crash. */
    public void kill() {
        process.kill();
    }

    @Override
    public void close() {
        stop();
    }

    @Override
    public String name() {
        return MEMBER;
    }

    @Override
    public CompletableFuture<Void> onExit() {
        return process.onExit();
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + ports.client();
    }

    public BrokerPorts ports() {
        return ports;
    }

    @Override
    public boolean isRunning() {
        return process.isAlive();
    }

    @Override
    public OptionalLong pid() {
        return process.pid();
    }

    public Path logDirectory() {
        return logDirectory;
    }

    public Path dataDirectory() {
        return home.resolve("data");
    }

    private boolean servesMetadata() throws Exception {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2_000))) {
            return !admin.describeCluster(new DescribeClusterOptions().timeoutMs(2_000))
                    .nodes().get(3, TimeUnit.SECONDS).isEmpty();
        }
    }

    private void formatStorage() {
        JavaCommand format = new JavaCommand(MEMBER + "-format", jvmOptions(),
                List.of("kafka.tools.StorageTool", "format",
                        "-t", Uuid.randomUuid().toString(),
                        "-c", serverProperties().toString()));
        ChildProcess.runToCompletion(new ChildProcess.Spec(MEMBER + "-format", format.toCommandLine(), Map.of(),
                home, logDirectory.resolve("broker-format.out"), home.resolve("format.pid")),
                Duration.ofSeconds(60));
    }

    private JavaCommand brokerCommand() {
        return new JavaCommand(MEMBER, jvmOptions(), List.of("kafka.Kafka", serverProperties().toString()));
    }

    private List<String> jvmOptions() {
        return List.of(
                "-Xms128m", "-Xmx512m",
                "-Djava.io.tmpdir=" + home.resolve("tmp"),
                "-Dlog4j2.configurationFile=file:" + home.resolve("log4j2.properties"),
                "-cp", brokerClasspath());
    }

    private Path serverProperties() {
        return home.resolve("server.properties");
    }

    private void writeConfiguration() {
        try {
            Files.createDirectories(home.resolve("tmp"));
            Files.createDirectories(logDirectory);
            Files.writeString(serverProperties(), serverConfiguration());
            Files.writeString(home.resolve("log4j2.properties"), loggingConfiguration());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the broker configuration in " + home, e);
        }
    }

    // One node holds every replica, so every replication factor and min ISR is 1; topics are created
    // explicitly (TopicProvisioner) so a typo in a topic name fails instead of creating a new topic.
    // After a kill -9 the restarted node waits for its previous broker session to expire before it
    // leads its partitions again; a short session (3 s instead of 9 s) keeps crash tests quick.
    private String serverConfiguration() {
        return """
                process.roles=broker,controller
                node.id=1
                controller.quorum.voters=1@127.0.0.1:%2$d
                listeners=PLAINTEXT://127.0.0.1:%1$d,CONTROLLER://127.0.0.1:%2$d
                advertised.listeners=PLAINTEXT://127.0.0.1:%1$d
                controller.listener.names=CONTROLLER
                inter.broker.listener.name=PLAINTEXT
                listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
                log.dirs=%3$s
                num.partitions=1
                default.replication.factor=1
                min.insync.replicas=1
                offsets.topic.replication.factor=1
                offsets.topic.num.partitions=10
                transaction.state.log.replication.factor=1
                transaction.state.log.min.isr=1
                transaction.state.log.num.partitions=10
                share.coordinator.state.topic.replication.factor=1
                share.coordinator.state.topic.min.isr=1
                group.initial.rebalance.delay.ms=0
                auto.create.topics.enable=false
                broker.heartbeat.interval.ms=500
                broker.session.timeout.ms=3000
                """.formatted(ports.client(), ports.controller(), dataDirectory());
    }

    private String loggingConfiguration() {
        return """
                status = warn
                appender.file.type = File
                appender.file.name = file
                appender.file.fileName = %s
                appender.file.append = true
                appender.file.layout.type = PatternLayout
                appender.file.layout.pattern = [%%d] %%p %%m (%%c)%%n
                rootLogger.level = INFO
                rootLogger.appenderRef.file.ref = file
                logger.controller.name = org.apache.kafka.controller
                logger.controller.level = WARN
                logger.raft.name = org.apache.kafka.raft
                logger.raft.level = WARN
                """.formatted(logDirectory.resolve("broker.log"));
    }

    private static String brokerClasspath() {
        return String.join(File.pathSeparator, classpathResource(CLASSPATH_RESOURCE), classpathResource(SHARED_CLASSPATH_RESOURCE));
    }

    private static String classpathResource(String name) {
        try (InputStream in = KafkaBrokerProcess.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("Missing " + name
                        + ": build local-stack with Maven so it records the broker's classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
