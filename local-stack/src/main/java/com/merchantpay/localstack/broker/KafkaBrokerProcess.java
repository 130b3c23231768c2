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
 * One KRaft Kafka node (broker and controller in one JVM) running as a child process from the Maven
 * Central jars: the only node of a single-broker stack, or one of the three of a {@link ClusterLayout}
 * (see {@link KafkaCluster}). Its data stays in {@code home/data}, so a {@link #stop()} or {@link #kill()}
 * followed by {@link #start()} is a real broker restart on the same ports and the same log.
 */
public final class KafkaBrokerProcess implements StackMember {

    public static final String MEMBER = "kafka-broker";
    // Written by the build (see local-stack/pom.xml): jars only the broker needs, and jars it shares with this module.
    private static final String CLASSPATH_RESOURCE = "/local-stack/kafka-broker.classpath";
    private static final String SHARED_CLASSPATH_RESOURCE = "/local-stack/kafka-broker-shared.classpath";
    // A node restarted after a kill -9 first recovers every log it left unclean (~300 on a cluster node:
    // 12 s of a 38 s restart measured on two busy cores), so the bound is wider than a fresh start needs.
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    private final String member;
    private final int nodeId;
    private final ClusterLayout layout;
    private final Path home;
    private final Path logDirectory;
    private final String logName;
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
            record(file, ports);
            return ports;
        }

        /** Writes {@code ports} to {@code file}, where {@link #reuseOrPick} looks for them next time. */
        public static void record(Path file, BrokerPorts ports) {
            try {
                Files.createDirectories(file.getParent());
                Files.writeString(file, "client=" + ports.client() + "\ncontroller=" + ports.controller() + "\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
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

    private KafkaBrokerProcess(StackFolders folders, ClusterLayout layout, int nodeId) {
        this.member = memberName(layout.size(), nodeId);
        this.nodeId = nodeId;
        this.layout = layout;
        this.home = folders.homeOf(member);
        this.logDirectory = folders.logs();
        // broker.log for the single node as before; broker-<id>.log for each node of a cluster.
        this.logName = layout.replicated() ? "broker-" + nodeId : "broker";
        this.ports = layout.portsOf(nodeId);
        this.process = new ChildProcess(new ChildProcess.Spec(member, brokerCommand().toCommandLine(), Map.of(),
                home, logDirectory.resolve(logName + ".out"), folders.pidFile(member)));
    }

    /** The single node of a one-broker stack, its storage formatted (on first start) with a fresh cluster id. */
    public static KafkaBrokerProcess create(StackFolders folders, BrokerPorts ports) {
        return new KafkaBrokerProcess(folders, new ClusterLayout(Uuid.randomUuid().toString(), List.of(ports)), 1);
    }

    /** A broker on fresh free ports with everything under {@code root}. */
    public static KafkaBrokerProcess create(Path root) {
        return create(new StackFolders(root), BrokerPorts.free());
    }

    /** Node {@code nodeId} of {@code layout}, at home in {@code <root>/kafka-broker-<id>} when the cluster has several. */
    public static KafkaBrokerProcess node(StackFolders folders, ClusterLayout layout, int nodeId) {
        return new KafkaBrokerProcess(folders, layout, nodeId);
    }

    /** {@value #MEMBER} for a single node (its folder and PID file as they always were), {@code kafka-broker-<id>} in a cluster. */
    public static String memberName(int clusterSize, int nodeId) {
        return clusterSize > 1 ? MEMBER + "-" + nodeId : MEMBER;
    }

    /** Formats the storage on first use, starts the broker and returns once the cluster lists it as a live broker. */
    public KafkaBrokerProcess start() {
        launch();
        awaitReady();
        return this;
    }

    /**
     * Formats the storage on first use and starts the process without waiting for it: the nodes of a
     * cluster must all be running before any is ready, since a controller is elected by a majority.
     */
    public void launch() {
        writeConfiguration();
        if (!Files.exists(dataDirectory().resolve("meta.properties"))) {
            formatStorage();
        }
        process.start();
    }

    /** Returns once the cluster lists this node as a live broker (registered and unfenced: its metadata caught up). */
    public void awaitReady() {
        process.awaitReady(READY_TIMEOUT, this::listedAsLiveBroker);
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
        return member;
    }

    /** This node's {@code node.id}, as leaders and replicas are named in topic descriptions. */
    public int nodeId() {
        return nodeId;
    }

    @Override
    public CompletableFuture<Void> onExit() {
        return process.onExit();
    }

    /** This node's own client listener (a cluster's clients get every node's: {@link ClusterLayout#bootstrapServers()}). */
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

    // Asked through this node's own listener; a restarted node is listed only once the controller has
    // unfenced it, i.e. once it has caught up with the cluster's metadata and can lead partitions again.
    private boolean listedAsLiveBroker() throws Exception {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2_000))) {
            return admin.describeCluster(new DescribeClusterOptions().timeoutMs(2_000))
                    .nodes().get(3, TimeUnit.SECONDS).stream().anyMatch(node -> node.id() == nodeId);
        }
    }

    private void formatStorage() {
        JavaCommand format = new JavaCommand(member + "-format", jvmOptions(),
                List.of("kafka.tools.StorageTool", "format",
                        "-t", layout.clusterId(),
                        "-c", serverProperties().toString()));
        ChildProcess.runToCompletion(new ChildProcess.Spec(member + "-format", format.toCommandLine(), Map.of(),
                home, logDirectory.resolve(logName + "-format.out"), home.resolve("format.pid")),
                Duration.ofSeconds(60));
    }

    private JavaCommand brokerCommand() {
        return new JavaCommand(member, jvmOptions(), List.of("kafka.Kafka", serverProperties().toString()));
    }

    private List<String> jvmOptions() {
        // Three nodes share the machine with the registry and the services: a smaller heap each (~400 MB RSS measured for one).
        return List.of(
                "-Xms128m", layout.replicated() ? "-Xmx384m" : "-Xmx512m",
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

    // Every replication factor and min ISR comes from the layout: 1 on a single node; on three, 3 and 2
    // for the workflow's topics (TopicProvisioner), for what services create without naming a factor
    // (Kafka Streams changelogs: default.replication.factor) and for Kafka's own offsets and transaction
    // state. Unclean election stays off: a replica that missed acknowledged writes never becomes leader.
    // Topics are created explicitly (TopicProvisioner) so a typo in a topic name fails instead of
    // creating a new topic. After a kill -9 the controller fences the node once its broker session
    // expires, and only then moves its partitions' leadership; a restarted node likewise waits for its
    // previous session to expire before it leads again. A short session (3 s instead of 9 s) keeps both quick.
    private String serverConfiguration() {
        return """
                process.roles=broker,controller
                node.id=%4$d
                controller.quorum.voters=%5$s
                listeners=PLAINTEXT://127.0.0.1:%1$d,CONTROLLER://127.0.0.1:%2$d
                advertised.listeners=PLAINTEXT://127.0.0.1:%1$d
                controller.listener.names=CONTROLLER
                inter.broker.listener.name=PLAINTEXT
                listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
                log.dirs=%3$s
                num.partitions=1
                default.replication.factor=%6$d
                min.insync.replicas=%7$d
                unclean.leader.election.enable=false
                offsets.topic.replication.factor=%6$d
                offsets.topic.num.partitions=10
                transaction.state.log.replication.factor=%6$d
                transaction.state.log.min.isr=%7$d
                transaction.state.log.num.partitions=10
                share.coordinator.state.topic.replication.factor=%6$d
                share.coordinator.state.topic.min.isr=%7$d
                group.initial.rebalance.delay.ms=0
                auto.create.topics.enable=false
                broker.heartbeat.interval.ms=500
                broker.session.timeout.ms=3000
                """.formatted(ports.client(), ports.controller(), dataDirectory(), nodeId, layout.controllerVoters(),
                layout.replicationFactor(), layout.minInSyncReplicas());
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
                """.formatted(logDirectory.resolve(logName + ".log"));
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
