package com.merchantpay.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.merchantpay.events.identity.UserLoggedIn;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * What our producers write is the Confluent wire format under the id the registration step
 * registered: a consumer that knows nothing of our code reads it with plain Avro and the schema
 * the registry's Confluent API serves by that id.
 */
class WireFormatRoundTripIT {

    private static final byte MAGIC_BYTE = 0;

    @Test
    void anyConfluentCompatibleConsumerCanReadWhatWeProduce() throws Exception {
        String topic = SharedInfrastructure.createUniqueTopic("wire-format", 1);
        UserLoggedIn sent = UserLoggedIn.newBuilder()
                .setEventId("evt-1")
                .setOccurredAt(Instant.parse("2026-11-26T10:15:30.123Z"))
                .setOpenId("o-open-id-42")
                .setUnionId(null)
                .setTraceId("trace-42")
                .build();
        produce(topic, sent);

        ByteBuffer raw = ByteBuffer.wrap(readRawValue(topic));
        assertThat(raw.get()).as("magic byte").isEqualTo(MAGIC_BYTE);
        int schemaId = raw.getInt();
        byte[] body = Arrays.copyOfRange(raw.array(), raw.position(), raw.limit());

        Schema writerSchema = new Schema.Parser().parse(schemaById(schemaId));
        GenericRecord decoded = new GenericDatumReader<GenericRecord>(writerSchema)
                .read(null, DecoderFactory.get().binaryDecoder(body, null));

        assertThat(writerSchema.getFullName()).isEqualTo("com.merchantpay.events.identity.UserLoggedIn");
        assertThat(schemaId).as("the id the registration step got for UserLoggedIn")
                .isEqualTo(registeredId("com.merchantpay.events.identity.UserLoggedIn"));
        assertThat(decoded.get("eventId")).hasToString("evt-1");
        assertThat(decoded.get("occurredAt")).isEqualTo(Instant.parse("2026-11-26T10:15:30.123Z").toEpochMilli());
        assertThat(decoded.get("openId")).hasToString("o-open-id-42");
        assertThat(decoded.get("unionId")).isNull();
        assertThat(decoded.get("traceId")).hasToString("trace-42");
    }

    private static void produce(String topic, UserLoggedIn event) throws Exception {
        try (KafkaProducer<String, UserLoggedIn> producer = new KafkaProducer<>(SharedInfrastructure.eventProducerConfig())) {
            producer.send(new ProducerRecord<>(topic, event.getOpenId(), event)).get();
        }
    }

    private static byte[] readRawValue(String topic) {
        List<byte[]> values = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, SharedInfrastructure.uniqueGroupId("wire-format"),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> values.add(record.value()));
                return !values.isEmpty();
            });
        }
        assertThat(values).hasSize(1);
        return values.getFirst();
    }

    private static int registeredId(String subject) throws Exception {
        return JsonMapper.builder().build().readTree(get("/subjects/" + subject + "/versions/latest")).path("id").asInt();
    }

    /** The schema as a Confluent client fetches it: {@code GET /schemas/ids/<id>} on the compatible API. */
    private static String schemaById(int id) throws Exception {
        return JsonMapper.builder().build().readTree(get("/schemas/ids/" + id)).path("schema").asString();
    }

    private static String get(String path) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(
                    SharedInfrastructure.registryUrl() + "/apis/ccompat/v7" + path)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("GET %s from the registry", path).isEqualTo(200);
            return response.body();
        }
    }
}
