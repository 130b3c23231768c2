package com.merchantpay.subscribers.fulfilment.support;

import static org.assertj.core.api.Assertions.assertThat;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;
import com.merchantpay.schemas.topics.PaymentTopics;
import com.merchantpay.schemas.topics.TopicSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * The closing note: per topic of {@link PaymentTopics} and per event type, how many records the
 * TypeScript suite wrote (generated from the registry's schema) or found (written by the Java
 * serializer) and how many it decoded to the expected value. Read from the parts the Node suite writes.
 */
public final class DecodeReport {

    public record Counts(int written, int decoded) {
    }

    private final Map<String, Map<String, Counts>> generated;
    private final Map<String, Map<String, Counts>> javaWritten;

    private DecodeReport(Map<String, Map<String, Counts>> generated, Map<String, Map<String, Counts>> javaWritten) {
        this.generated = generated;
        this.javaWritten = javaWritten;
    }

    public static DecodeReport read(Path workDir) throws IOException {
        return new DecodeReport(part(workDir.resolve("report-generated.json")), part(workDir.resolve("report-java.json")));
    }

    private static Map<String, Map<String, Counts>> part(Path file) throws IOException {
        assertThat(file).as("the Node suite's report " + file.getFileName()).exists();
        return new ObjectMapper().readValue(file.toFile(), new TypeReference<>() {
        });
    }

    /** Fails unless every event type of every topic was decoded, both generated and Java-written. */
    public void assertEveryEventDecoded() {
        for (TopicSpec topic : PaymentTopics.eventTopics()) {
            for (Schema event : topic.events()) {
                Counts gen = counts(generated, topic.name(), event.getFullName());
                Counts java = counts(javaWritten, topic.name(), event.getFullName());
                assertThat(gen.written()).as("generated %s on %s", event.getName(), topic.name()).isPositive();
                assertThat(gen.decoded()).as("generated %s on %s decoded", event.getName(), topic.name()).isEqualTo(gen.written());
                assertThat(java.written()).as("Java-written %s on %s", event.getName(), topic.name()).isEqualTo(3);
                assertThat(java.decoded()).as("Java-written %s on %s decoded", event.getName(), topic.name()).isEqualTo(java.written());
            }
        }
    }

    public String markdown() {
        StringBuilder table = new StringBuilder("""
                | topic | event type | generated from the registry's schema: decoded / written | written by the Java serializer: decoded / written |
                |---|---|---|---|
                """);
        for (TopicSpec topic : PaymentTopics.eventTopics()) {
            for (Schema event : topic.events()) {
                Counts gen = counts(generated, topic.name(), event.getFullName());
                Counts java = counts(javaWritten, topic.name(), event.getFullName());
                table.append(String.format("| `%s` | `%s` | %s %d / %d | %s %d / %d |%n", topic.name(), event.getName(),
                        mark(gen), gen.decoded(), gen.written(), mark(java), java.decoded(), java.written()));
            }
        }
        return table.toString();
    }

    private static String mark(Counts counts) {
        return counts.written() > 0 && counts.decoded() == counts.written() ? "✔" : "✘";
    }

    private static Counts counts(Map<String, Map<String, Counts>> part, String topic, String type) {
        return part.getOrDefault(topic, Map.of()).getOrDefault(type, new Counts(0, 0));
    }

    public void write(Path file) throws IOException {
        Files.writeString(file, markdown());
    }
}
