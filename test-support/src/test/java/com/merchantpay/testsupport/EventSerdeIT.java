package com.merchantpay.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.merchantpay.events.outcome.PaymentSucceeded;
import com.merchantpay.schemas.registry.RegisteredSchemas;
import com.merchantpay.schemas.registry.RegistrySettings;
import com.merchantpay.schemas.registry.RegistryUnavailableException;
import com.merchantpay.schemas.registry.SchemaNotRegisteredException;
import com.merchantpay.schemas.registry.SchemaRegistryClient;
import com.merchantpay.schemas.serde.EventDeserializer;
import com.merchantpay.schemas.serde.EventSerializer;
import com.merchantpay.schemas.topics.TopicSpec;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/** The wire format against the real registry: every event, other versions, other types, and every way it can fail. */
class EventSerdeIT {

    private final RegisteredSchemas schemas = RegisteredSchemas.of(SharedInfrastructure.registryUrl());
    private final EventSerializer serializer = new EventSerializer(schemas);
    private final EventDeserializer deserializer = new EventDeserializer(schemas);

    @Test
    void everyEventComesBackAsItsOwnClassWithEveryField() {
        List<SpecificRecord> events = SampleEvents.everyEvent("MP-SERDE-1");
        assertThat(events).hasSizeGreaterThanOrEqualTo(13);
        for (SpecificRecord event : events) {
            assertThat(deserializer.deserialize("t", serializer.serialize("t", event)))
                    .as(event.getSchema().getName()).isEqualTo(event);
        }
    }

    @Test
    void aRecordWrittenWithAnotherVersionReadsAsTodaysClass() throws Exception {
        Schema newer = withExtraOptionalField(PaymentSucceeded.getClassSchema());
        int newerId = schemas.registry().register(PaymentSucceeded.getClassSchema().getFullName(), newer);
        GenericRecord written = new GenericData.Record(newer);
        PaymentSucceeded today = (PaymentSucceeded) SampleEvents.of(PaymentSucceeded.getClassSchema(), "MP-SERDE-2");
        for (Schema.Field field : PaymentSucceeded.getClassSchema().getFields()) {
            written.put(field.name(), today.get(field.pos()));
        }
        written.put("note", "from a newer producer");

        Object read = deserializer.deserialize("t", framed(newerId, newer, written));

        assertThat(read).isEqualTo(today);
    }

    @Test
    void anEventThisBuildDoesNotKnowReadsAsAGenericRecord() throws Exception {
        Schema future = SchemaBuilder.record("FutureEvent").namespace("com.merchantpay.events.future")
                .fields().requiredString("orderNo").endRecord();
        int id = schemas.registry().register(future.getFullName(), future);
        GenericRecord written = new GenericData.Record(future);
        written.put("orderNo", "MP-SERDE-3");

        Object read = deserializer.deserialize("t", framed(id, future, written));

        assertThat(read).isInstanceOf(GenericRecord.class).isNotInstanceOf(SpecificRecord.class);
        assertThat(((GenericRecord) read).get("orderNo")).hasToString("MP-SERDE-3");
    }

    @Test
    void bytesThatAreNotTheWireFormatOrDoNotMatchTheirSchemaArePoison() {
        assertThatThrownBy(() -> deserializer.deserialize("t", "{\"json\":true}".getBytes()))
                .isInstanceOf(SerializationException.class).hasMessageContaining("not in the Confluent wire format");
        byte[] truncated = serializer.serialize("t", SampleEvents.of(PaymentSucceeded.getClassSchema(), "MP-SERDE-4"));
        assertThatThrownBy(() -> deserializer.deserialize("t", java.util.Arrays.copyOf(truncated, 9)))
                .isInstanceOf(SerializationException.class).hasMessageContaining("does not match its schema id");
        assertThatThrownBy(() -> deserializer.deserialize("t", ByteBuffer.allocate(9).put((byte) 0).putInt(987_654).array()))
                .isInstanceOf(SchemaNotRegisteredException.class);
    }

    @Test
    void aRegistryThatAcceptsAndNeverAnswersCostsABoundedWaitThenARetriableFailure() {
        lookUpThrough(StallingProxy::stall, "MP-SERDE-5");
    }

    /** The JDK client's request timeout ends when the headers arrive: the body must be bounded too. */
    @Test
    void aRegistryThatSendsItsHeadersAndThenHangsCostsABoundedWaitThenARetriableFailure() {
        lookUpThrough(StallingProxy::stallBodies, "MP-SERDE-6");
    }

    /** A lookup through a registry hung by {@code hang}: each attempt waits out its deadline, then the lookup works again. */
    private void lookUpThrough(Consumer<StallingProxy> hang, String orderNo) {
        URI registry = URI.create(SharedInfrastructure.registryUrl());
        try (StallingProxy proxy = StallingProxy.to(registry.getHost(), registry.getPort())) {
            hang.accept(proxy);
            RegistrySettings settings = new RegistrySettings(proxy.url(), Duration.ofMillis(300), 2, Duration.ofMillis(50));
            EventDeserializer reading = new EventDeserializer(RegisteredSchemas.of(settings));
            byte[] value = serializer.serialize("t", SampleEvents.of(PaymentSucceeded.getClassSchema(), orderNo));

            long started = System.nanoTime();
            assertThatThrownBy(() -> reading.deserialize("t", value)).isInstanceOf(RegistryUnavailableException.class)
                    .hasMessageContaining("got no answer within 300 ms (attempt 2)");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("each attempt waited out its deadline")
                    .isGreaterThanOrEqualTo(settings.requestTimeout().multipliedBy(settings.attempts()))
                    .isLessThan(settings.worstCase().plusSeconds(2));

            proxy.release();
            assertThat(reading.deserialize("t", value)).isInstanceOf(PaymentSucceeded.class);
        }
    }

    @Test
    void aServiceFindsOutAtStartWhichSchemasItNeedsAreMissing() {
        Schema unregistered = SchemaBuilder.record("NeverRegistered").namespace("com.merchantpay.events.future")
                .fields().requiredString("orderNo").endRecord();
        TopicSpec topic = new TopicSpec("some.topic.v1", 1, Map.of(), List.of(PaymentSucceeded.getClassSchema(), unregistered));

        assertThatThrownBy(() -> schemas.require(List.of(topic)))
                .isInstanceOf(SchemaNotRegisteredException.class)
                .hasMessageContaining("com.merchantpay.events.future.NeverRegistered")
                .hasMessageNotContaining("PaymentSucceeded");
        assertThat(new SchemaRegistryClient(RegistrySettings.of(SharedInfrastructure.registryUrl())).subjects())
                .doesNotContain("com.merchantpay.events.future.NeverRegistered");
    }

    private static Schema withExtraOptionalField(Schema schema) {
        SchemaBuilder.FieldAssembler<Schema> fields = SchemaBuilder.record(schema.getName()).namespace(schema.getNamespace()).fields();
        for (Schema.Field field : schema.getFields()) {
            fields = fields.name(field.name()).type(field.schema()).noDefault();
        }
        return fields.name("note").type().optional().stringType().endRecord();
    }

    private static byte[] framed(int id, Schema schema, GenericRecord record) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.write(ByteBuffer.allocate(4).putInt(id).array());
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        GenericData withTimestamps = new GenericData();
        withTimestamps.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
        new GenericDatumWriter<GenericRecord>(schema, withTimestamps).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
