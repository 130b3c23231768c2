package com.merchantpay.localstack.registry;

import com.merchantpay.localstack.process.ChildProcess;
import com.merchantpay.localstack.process.FreePorts;
import com.merchantpay.localstack.process.JavaCommand;
import com.merchantpay.localstack.process.StackFolders;
import com.merchantpay.localstack.process.StackMember;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;

/**
 * Apicurio Registry (the real server, unpacked from Maven Central by the build) as a child process.
 * It serves the Confluent-compatible API at {@code /apis/ccompat/v7} and its own at {@code /apis/registry/v3}.
 */
public final class RegistryProcess implements StackMember {

    public static final String MEMBER = "schema-registry";
    private static final String HOME_RESOURCE = "/local-stack/registry-home.properties";
    private static final String HOME_OVERRIDE = "apicurio.registry.home";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    /** Where the registry keeps its schemas. */
    public sealed interface Storage {
        /** H2 in memory: fast, empty on every start. For tests. */
        record InMemory() implements Storage {
        }

        /**
         * A journal topic on the given brokers: schemas survive registry restarts. For the local stack.
         *
         * @param replicationFactor replicas the cluster gives a topic; the registry's own topics (journal,
         *                          snapshots, events) get min(3, live brokers), which is this on a started cluster
         * @param minInSyncReplicas their {@code min.insync.replicas}: a schema is acknowledged only once on that many brokers
         */
        record KafkaSql(String bootstrapServers, short replicationFactor, int minInSyncReplicas) implements Storage {

            /** On a single broker. */
            public KafkaSql(String bootstrapServers) {
                this(bootstrapServers, (short) 1, 1);
            }
        }
    }

    private final Path tmp;
    private final int httpPort;
    private final ChildProcess process;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private RegistryProcess(StackFolders folders, Storage storage) {
        Path home = folders.homeOf(MEMBER);
        this.tmp = home.resolve("tmp");
        this.httpPort = FreePorts.next();
        JavaCommand command = new JavaCommand(MEMBER, jvmOptions(tmp, storage),
                List.of("-jar", distribution().resolve("quarkus-run.jar").toString()));
        this.process = new ChildProcess(new ChildProcess.Spec(MEMBER, command.toCommandLine(),
                environment(httpPort, FreePorts.next(), storage), home,
                folders.logs().resolve("registry.log"), folders.pidFile(MEMBER)));
    }

    public static RegistryProcess create(StackFolders folders, Storage storage) {
        return new RegistryProcess(folders, storage);
    }

    /** A registry with in-memory storage and everything under {@code root}. */
    public static RegistryProcess inMemory(Path root) {
        return new RegistryProcess(new StackFolders(root), new Storage.InMemory());
    }

    public RegistryProcess start() {
        try {
            // Quarkus and Vert.x caches from an earlier (perhaps killed) run are of no use; start clean.
            StackFolders.deleteTree(tmp);
            Files.createDirectories(tmp);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        process.start();
        process.awaitReady(READY_TIMEOUT, this::servesSubjects);
        return this;
    }

    public void stop() {
        process.stop();
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

    /** The server's root, e.g. {@code http://127.0.0.1:41234}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    /** The Confluent-compatible API, for clients in any language. */
    public String confluentCompatibleUrl() {
        return baseUrl() + "/apis/ccompat/v7";
    }

    @Override
    public boolean isRunning() {
        return process.isAlive();
    }

    @Override
    public OptionalLong pid() {
        return process.pid();
    }

    public Path logFile() {
        return process.outputFile();
    }


    private boolean servesSubjects() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(confluentCompatibleUrl() + "/subjects"))
                .timeout(Duration.ofSeconds(2)).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    }

    private static List<String> jvmOptions(Path tmp, Storage storage) {
        List<String> options = new ArrayList<>(List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-Djava.io.tmpdir=" + tmp));
        if (storage instanceof Storage.KafkaSql kafkaSql && kafkaSql.replicationFactor() > 1) {
            // The registry creates its topics (journal, snapshots, events) with min(3, live brokers) replicas and
            // passes every property it was given on as a topic config: a "replication.factor" among them fails the
            // creation (Apicurio 3.3.3, "Unknown topic config name"), so the factor is left to that rule (the stack
            // starts the registry once every node is live) and only min.insync.replicas is said, to match the
            // workflow's topics. A system property, not the environment: Apicurio collects these by their dotted prefix.
            options.add("-Dapicurio.kafkasql.topic.min.insync.replicas=" + kafkaSql.minInSyncReplicas());
        }
        return options;
    }

    // The management port cannot be switched off and defaults to 0.0.0.0:9000, so it gets a free
    // loopback port too. Two registries (tests and local stack) can then run side by side.
    private static Map<String, String> environment(int httpPort, int managementPort, Storage storage) {
        Map<String, String> env = new HashMap<>(Map.of(
                "QUARKUS_HTTP_HOST", "127.0.0.1",
                "QUARKUS_HTTP_PORT", Integer.toString(httpPort),
                "QUARKUS_MANAGEMENT_HOST", "127.0.0.1",
                "QUARKUS_MANAGEMENT_PORT", Integer.toString(managementPort)));
        if (storage instanceof Storage.KafkaSql kafkaSql) {
            env.put("APICURIO_STORAGE_KIND", "kafkasql");
            env.put("APICURIO_KAFKASQL_BOOTSTRAP_SERVERS", kafkaSql.bootstrapServers());
            // The default poll timeout makes a restart replay the journal for ~27 s instead of ~8 s.
            env.put("APICURIO_KAFKASQL_CONSUMER_POLL_TIMEOUT", "500");
        }
        return env;
    }

    /** The unpacked server: a system property wins, otherwise the folder the build recorded. */
    static Path distribution() {
        String override = System.getProperty(HOME_OVERRIDE);
        Path home = override != null ? Path.of(override) : recordedDistribution();
        if (!Files.isRegularFile(home.resolve("quarkus-run.jar"))) {
            throw new IllegalStateException("No Apicurio Registry at " + home
                    + ": build local-stack with Maven (it unpacks the server) or set -D" + HOME_OVERRIDE);
        }
        return home;
    }

    private static Path recordedDistribution() {
        try (InputStream in = RegistryProcess.class.getResourceAsStream(HOME_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Missing " + HOME_RESOURCE + ": build local-stack with Maven");
            }
            Properties properties = new Properties();
            properties.load(in);
            return Path.of(properties.getProperty("registry.home"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
