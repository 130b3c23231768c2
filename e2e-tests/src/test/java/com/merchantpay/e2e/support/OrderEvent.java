package com.merchantpay.e2e.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * One record of an order topic as a downstream system in any language sees it: raw key and value,
 * the value decoded with plain Avro and the writer schema the registry's Confluent API holds for the
 * value's 4-byte id (no serde of ours).
 *
 * @param type     the record's full schema name, e.g. {@code com.merchantpay.events.outcome.PaymentSucceeded}
 * @param schemaId the id in bytes 1-4 of the value (byte 0 is the magic 0)
 * @param headers  the record's headers as UTF-8 text (the last value of each name)
 */
public record OrderEvent(String topic, int partition, long offset, String key, int schemaId, String type,
                         GenericRecord value, Map<String, String> headers) {

    private static final byte MAGIC = 0;

    /** Decodes a record of the Confluent wire format with the writer schema looked up by its id. */
    static OrderEvent decode(ConsumerRecord<String, byte[]> record, RegistrySchemas schemas) {
        ByteBuffer value = ByteBuffer.wrap(record.value());
        if (value.remaining() < 5 || value.get() != MAGIC) {
            throw new IllegalStateException("Not in the Confluent wire format: " + record.topic() + "-"
                    + record.partition() + "@" + record.offset());
        }
        int schemaId = value.getInt();
        Schema schema = schemas.byId(schemaId);
        try {
            GenericRecord decoded = new GenericDatumReader<GenericRecord>(schema).read(null,
                    DecoderFactory.get().binaryDecoder(record.value(), 5, record.value().length - 5, null));
            Map<String, String> headers = new LinkedHashMap<>();
            for (Header header : record.headers()) {
                headers.put(header.key(), header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8));
            }
            return new OrderEvent(record.topic(), record.partition(), record.offset(), record.key(), schemaId,
                    schema.getFullName(), decoded, headers);
        } catch (IOException e) {
            throw new UncheckedIOException("Undecodable " + record.topic() + "@" + record.offset(), e);
        }
    }

    /** The short record name, e.g. {@code PaymentSucceeded}. */
    public String simpleType() {
        return type.substring(type.lastIndexOf('.') + 1);
    }

    /** A top-level field as text (null when absent or null). */
    public String text(String field) {
        if (value.getSchema().getField(field) == null) {
            return null;
        }
        Object content = value.get(field);
        return content == null ? null : content.toString();
    }

    @Override
    public String toString() {
        return simpleType() + "@" + topic + "-" + partition + ":" + offset + " key=" + key + " headers=" + headers
                + " value=" + value;
    }
}
