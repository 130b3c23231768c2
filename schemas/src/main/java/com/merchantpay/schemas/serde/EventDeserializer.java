package com.merchantpay.schemas.serde;

import com.merchantpay.schemas.registry.RegisteredSchemas;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads a value in the {@link WireFormat}: the writer schema comes from the registry by the id on
 * the wire (once per id and process), the reader schema from the generated event class of the same
 * name, so a record written with an older version of an event reads as today's class. A record
 * whose type this build does not know (a newer producer's event) reads as a generic record, which
 * consumers skip.
 *
 * <p>Failures say what to do with the record: a {@link SerializationException} (not our format, a
 * body that does not match its schema, an id no registry issued) means the record will never be
 * readable and belongs in a dead-letter topic; a
 * {@link com.merchantpay.schemas.registry.RegistryUnavailableException} means nothing is wrong
 * with it and reading must be retried.
 */
public final class EventDeserializer implements Deserializer<Object> {

    private final Map<Integer, DatumReader<Object>> readers = new ConcurrentHashMap<>();
    private final SpecificData events = new SpecificData(EventDeserializer.class.getClassLoader());
    private RegisteredSchemas schemas;

    /** For Kafka's reflective construction; {@link #configure} must follow. */
    public EventDeserializer() {
    }

    public EventDeserializer(RegisteredSchemas schemas) {
        this.schemas = schemas;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        if (schemas == null) {
            schemas = RegisteredSchemas.of(String.valueOf(configs.get(EventSerializer.REGISTRY_URL_CONFIG)));
        }
    }

    @Override
    public Object deserialize(String topic, byte[] value) {
        if (value == null) {
            return null;
        }
        int schemaId = WireFormat.schemaId(topic, value);
        DatumReader<Object> reader = readers.get(schemaId);
        if (reader == null) {
            reader = readerFor(schemas.writerSchema(schemaId));
            readers.put(schemaId, reader);
        }
        try {
            return reader.read(null, DecoderFactory.get().binaryDecoder(value, WireFormat.HEADER_BYTES,
                    value.length - WireFormat.HEADER_BYTES, null));
        } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException | ClassCastException e) {
            throw new SerializationException("a value on " + topic + " does not match its schema id " + schemaId, e);
        }
    }

    private DatumReader<Object> readerFor(Schema writer) {
        Class<?> eventClass = writer.getType() == Schema.Type.RECORD ? events.getClass(writer) : null;
        if (eventClass == null) {
            return new GenericDatumReader<>(writer);
        }
        return new SpecificDatumReader<>(writer, SpecificData.getForClass(eventClass).getSchema(eventClass));
    }
}
