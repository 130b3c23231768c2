package com.merchantpay.subscribers.fulfilment.support;

import tools.jackson.databind.ObjectMapper;
import com.merchantpay.schemas.kafka.KafkaClients;
import com.merchantpay.schemas.topics.PaymentTopics;
import com.merchantpay.schemas.topics.TopicSpec;
import com.merchantpay.testsupport.SampleEvents;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Records written exactly as the services write them — {@code SampleEvents} instances of every
 * event of every topic, through the services' own {@code EventSerializer} with the team's producer
 * settings — plus the values they hold, as JSON, for the TypeScript suite to compare against.
 * Three per event: as filled by SampleEvents, with every nullable field null, and with edge values
 * (unicode strings, longs at ±(2^53 − 1), int minimum).
 */
public final class JavaWrittenSamples {

    /** The largest long a JavaScript number holds exactly, 2^53 − 1. */
    public static final long MAX_EXACT = 9_007_199_254_740_991L;
    public static final String EDGE_TEXT = "注文 №42 — ü ß 🚀 \"quoted\" \\ back\nslash\ttab \u0000 nul \u2028 end";
    private static final List<String> KEY_FIELDS = List.of("orderNo", "openId");

    public record Sample(String topic, String key, String type, String variant, Map<String, Object> value) {
    }

    private JavaWrittenSamples() {
    }

    public static List<Sample> produce(String bootstrapServers, String registryUrl, Path json, String run)
            throws IOException, InterruptedException, ExecutionException, TimeoutException {
        List<Sample> samples = new ArrayList<>();
        Map<String, Object> config = KafkaClients.eventProducer(bootstrapServers, registryUrl, Duration.ofSeconds(30), Duration.ofSeconds(60));
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(config)) {
            for (TopicSpec topic : PaymentTopics.eventTopics()) {
                for (Schema event : topic.events()) {
                    for (String variant : List.of("filled", "nulls", "edge")) {
                        String key = "java-" + run + "-" + topic.name() + "-" + event.getName() + "-" + variant;
                        SpecificRecord record = SampleEvents.of(event, key);
                        vary(record, variant, key);
                        producer.send(new ProducerRecord<>(topic.name(), key, record)).get(60, TimeUnit.SECONDS);
                        samples.add(new Sample(topic.name(), key, event.getFullName(), variant, plain(record)));
                    }
                }
            }
        }
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(json.toFile(), samples);
        return samples;
    }

    private static void vary(SpecificRecord record, String variant, String key) {
        for (Schema.Field field : record.getSchema().getFields()) {
            Schema schema = field.schema();
            if (field.name().equals("eventId")) {
                record.put(field.pos(), key + "-event");
            } else if (KEY_FIELDS.contains(field.name())) {
                continue; // the key: SampleEvents set it
            } else if (variant.equals("nulls") && schema.isNullable()) {
                record.put(field.pos(), null);
            } else if (variant.equals("edge")) {
                Object edge = edgeValue(schema);
                if (edge != null) {
                    record.put(field.pos(), edge);
                }
            }
        }
    }

    private static Object edgeValue(Schema schema) {
        if (LogicalTypes.timestampMillis().equals(schema.getLogicalType())) {
            return Instant.ofEpochMilli(MAX_EXACT);
        }
        return switch (schema.getType()) {
            case STRING -> EDGE_TEXT;
            case LONG -> -MAX_EXACT;
            case INT -> Integer.MIN_VALUE;
            case UNION -> schema.getTypes().stream().filter(branch -> branch.getType() != Schema.Type.NULL)
                    .findFirst().map(JavaWrittenSamples::edgeValue).orElse(null);
            default -> null;
        };
    }

    /** The record as plain JSON values, the shape the TypeScript side turns its decoded value into. */
    public static Map<String, Object> plain(IndexedRecord record) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Schema.Field field : record.getSchema().getFields()) {
            out.put(field.name(), plainValue(record.get(field.pos())));
        }
        return out;
    }

    private static Object plainValue(Object value) {
        return switch (value) {
            case null -> null;
            case CharSequence text -> text.toString();
            case Instant instant -> instant.toEpochMilli();
            case ByteBuffer bytes -> {
                byte[] copy = new byte[bytes.remaining()];
                bytes.duplicate().get(copy);
                yield Map.of("$bytes", Base64.getEncoder().encodeToString(copy));
            }
            case IndexedRecord nested -> plain(nested);
            case List<?> list -> list.stream().map(JavaWrittenSamples::plainValue).toList();
            case Map<?, ?> map -> {
                Map<String, Object> out = new LinkedHashMap<>();
                map.forEach((k, v) -> out.put(k.toString(), plainValue(v)));
                yield out;
            }
            case Enum<?> symbol -> symbol.name();
            default -> value; // Long, Integer, Boolean, Double, Float
        };
    }
}
