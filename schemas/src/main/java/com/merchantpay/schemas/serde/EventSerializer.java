package com.merchantpay.schemas.serde;

import com.merchantpay.schemas.registry.RegisteredSchemas;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes an event in the {@link WireFormat} under the id its published schema has in the registry.
 * It never registers anything: schemas are registered once, by a deliberate step, and a service
 * checks at start that every schema it writes is there ({@link RegisteredSchemas#require}), so a
 * send never waits on the registry.
 *
 * <p>Configured by Kafka with {@value #REGISTRY_URL_CONFIG} (the registry's root URL), or built
 * with the process's {@link RegisteredSchemas}.
 */
public final class EventSerializer implements Serializer<SpecificRecord> {

    /** The client property naming the registry's root URL, e.g. {@code http://127.0.0.1:8085}. */
    public static final String REGISTRY_URL_CONFIG = "registry.url";

    private final Map<Class<?>, DatumWriter<SpecificRecord>> writers = new ConcurrentHashMap<>();
    private RegisteredSchemas schemas;

    /** For Kafka's reflective construction; {@link #configure} must follow. */
    public EventSerializer() {
    }

    public EventSerializer(RegisteredSchemas schemas) {
        this.schemas = schemas;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        if (schemas == null) {
            schemas = RegisteredSchemas.of(String.valueOf(configs.get(REGISTRY_URL_CONFIG)));
        }
    }

    @Override
    public byte[] serialize(String topic, SpecificRecord event) {
        if (event == null) {
            return null;
        }
        int schemaId = schemas.writerId(event.getSchema());
        ByteArrayOutputStream body = new ByteArrayOutputStream(256);
        try {
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(body, null);
            writerFor(event).write(event, encoder);
            encoder.flush();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("could not write " + event.getSchema().getFullName() + " to " + topic, e);
        }
        ByteBuffer framed = ByteBuffer.allocate(WireFormat.HEADER_BYTES + body.size());
        WireFormat.writeHeader(framed, schemaId);
        framed.put(body.toByteArray());
        return framed.array();
    }

    private DatumWriter<SpecificRecord> writerFor(SpecificRecord event) {
        return writers.computeIfAbsent(event.getClass(), type -> new SpecificDatumWriter<>(event.getSchema()));
    }
}
