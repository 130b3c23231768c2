package com.merchantpay.subscribers.fulfilment;

import static org.assertj.core.api.Assertions.assertThat;

import tools.jackson.databind.ObjectMapper;
import com.merchantpay.localstack.LocalStack;
import com.merchantpay.localstack.process.StackFolders;
import com.merchantpay.localstack.service.ServiceJars;
import com.merchantpay.schemas.topics.PaymentTopics;
import com.merchantpay.subscribers.fulfilment.support.DecodeReport;
import com.merchantpay.subscribers.fulfilment.support.JavaWrittenSamples;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The TypeScript subscriber against the local stack's real infrastructure: {@link LocalStack}
 * starts the broker, the registry, {@link PaymentTopics}' topics and the registered schemas (the
 * same as {@code bin/local-stack --infrastructure-only}); this test exports the topic catalogue,
 * writes samples of every event with the services' serializer, and runs the Node integration suite
 * ({@code npm run test:integration}) as a child process against it, streaming its output.
 */
class FulfilmentSubscriberStackIT {

    private static final Path NODE_PROJECT = Path.of(System.getProperty("fulfilment.node.dir", "."));
    private static final Path STACK_HOME = Path.of(System.getProperty("fulfilment.stack.home", "target/fulfilment-stack"));
    private static final Path WORK = Path.of(System.getProperty("fulfilment.work.dir", "target/integration"));
    /** ops-cli's exec jar as the reactor left it in its module's target/ (local-stack's ServiceJars). */
    private static final Path OPS_JAR = ServiceJars.inBuildFolders(
            Path.of(System.getProperty(LocalStack.REPOSITORY_PROPERTY, "../.."))).jarOf("ops-cli");
    private static final String NPM = System.getProperty("fulfilment.npm", "npm");
    private static final long SUITE_MINUTES = 12;

    @Test
    @Timeout(value = 20, unit = TimeUnit.MINUTES)
    void typeScriptSubscriberDecodesEveryEventAndSurvivesCrashAndReplay() throws Exception {
        assertThat(OPS_JAR).as("the ops-cli exec jar the build copies").exists();
        StackFolders.deleteTree(STACK_HOME); // a fresh broker: the suite counts what is on the topics
        StackFolders.deleteTree(WORK);
        Files.createDirectories(WORK);
        try (LocalStack stack = LocalStack.start(STACK_HOME)) {
            Path catalogue = writeCatalogue(WORK.resolve("topic-catalogue.json"));
            Path samples = WORK.resolve("java-samples.json");
            JavaWrittenSamples.produce(stack.bootstrapServers(), stack.registryUrl(), samples, UUID.randomUUID().toString().substring(0, 8));

            int exit = runNodeSuite(Map.of(
                    "SPRING_KAFKA_BOOTSTRAP_SERVERS", stack.bootstrapServers(),
                    "REGISTRY_URL", stack.registryUrl(),
                    "TOPIC_CATALOGUE", catalogue.toString(),
                    "JAVA_SAMPLES", samples.toString(),
                    "OPS_JAR", OPS_JAR.toAbsolutePath().toString(),
                    "OPS_JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "FULFILMENT_WORK_DIR", WORK.toAbsolutePath().toString()));
            assertThat(exit).as("npm run test:integration exit code (output above and in %s)", WORK.resolve("node-integration.log")).isZero();
        }
        DecodeReport report = DecodeReport.read(WORK);
        report.write(WORK.resolve("decode-report.md"));
        System.out.println("Decoded by the TypeScript client (kafkajs + @kafkajs/confluent-schema-registry + avsc):");
        System.out.print(report.markdown());
        report.assertEveryEventDecoded();
    }

    /** PaymentTopics as JSON: the suite's only source of which event types go on which topic. */
    private static Path writeCatalogue(Path file) throws IOException {
        List<Map<String, Object>> topics = PaymentTopics.eventTopics().stream()
                .map(topic -> Map.<String, Object>of("name", topic.name(), "partitions", topic.partitions(),
                        "events", topic.events().stream().map(Schema::getFullName).toList()))
                .toList();
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(file.toFile(), Map.of("topics", topics));
        return file;
    }

    private static int runNodeSuite(Map<String, String> environment) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(NPM, "run", "test:integration")
                .directory(NODE_PROJECT.toFile())
                .redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process node = builder.start();
        Thread pump = Thread.ofPlatform().name("node-output").start(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
                 PrintWriter log = new PrintWriter(Files.newBufferedWriter(WORK.resolve("node-integration.log")), true)) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    System.out.println("[node] " + line);
                    log.println(line);
                }
            } catch (IOException e) {
                System.out.println("[node] output lost: " + e);
            }
        });
        try {
            if (!node.waitFor(SUITE_MINUTES, TimeUnit.MINUTES)) {
                throw new AssertionError("the Node integration suite did not finish within " + SUITE_MINUTES + " minutes");
            }
            pump.join(TimeUnit.SECONDS.toMillis(30));
            return node.exitValue();
        } finally {
            // Whatever the suite left behind (subscribers, ops) goes with it.
            node.descendants().forEach(ProcessHandle::destroyForcibly);
            node.destroyForcibly();
        }
    }

}
