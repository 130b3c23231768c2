package com.merchantpay.ops.decoding;

import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;

/**
 * Decodes any value in the Confluent wire format (magic byte 0, 4-byte schema id, Avro binary)
 * with the writer schema from the registry, so every event type is readable without its class.
 */
public final class EventDecoder {

    private static final byte MAGIC = 0;
    private static final int HEADER_BYTES = 5;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SchemaRegistry registry;

    public EventDecoder(SchemaRegistry registry) {
        this.registry = registry;
    }

    /** The registry id in the first five bytes, or -1 when the value is not in the wire format. */
    public static int schemaId(byte[] value) {
        if (value == null || value.length < HEADER_BYTES || value[0] != MAGIC) {
            return -1;
        }
        return ByteBuffer.wrap(value, 1, 4).getInt();
    }

    /** The event type (schema simple name) without decoding the body. */
    public String typeOf(byte[] value) {
        int id = schemaId(value);
        if (id < 0) {
            return value == null ? "(null)" : "(not Avro)";
        }
        return registry.schema(id).map(Schema::getName).orElse(unknownSchema(id));
    }

    /** The schema's full name (namespace + name), or the same marker as {@link #typeOf}. */
    public String fullTypeOf(byte[] value) {
        int id = schemaId(value);
        return id < 0 ? typeOf(value) : registry.schema(id).map(Schema::getFullName).orElse(unknownSchema(id));
    }

    public DecodedValue decode(byte[] value) {
        int id = schemaId(value);
        if (value == null) {
            return new DecodedValue("(null)", -1, JsonNodeFactory.instance.nullNode());
        }
        if (id < 0) {
            return new DecodedValue("(not Avro)", -1, JsonNodeFactory.instance.textNode(printable(value)));
        }
        Schema schema = registry.schema(id).orElse(null);
        if (schema == null) {
            return new DecodedValue(unknownSchema(id), id, JsonNodeFactory.instance.textNode(printable(value)));
        }
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(value, HEADER_BYTES, value.length - HEADER_BYTES, null);
        try {
            Object datum = new GenericDatumReader<>(schema).read(null, decoder);
            // Avro's own JSON rendering of a generic datum; unions come out as plain values.
            return new DecodedValue(schema.getName(), id, JSON.readTree(GenericData.get().toString(datum)));
        } catch (IOException | RuntimeException e) {
            // A poison record (typically on a dead-letter topic) is shown, not fatal.
            return new DecodedValue("(undecodable with schema " + id + ")", id, JsonNodeFactory.instance.textNode(printable(value)));
        }
    }

    private static String unknownSchema(int id) {
        return "(unknown schema " + id + ")";
    }

    private static String printable(byte[] value) {
        String text = new String(value, StandardCharsets.UTF_8);
        boolean clean = text.chars().allMatch(c -> c >= 0x20 || c == '\n' || c == '\t') && !text.contains("\uFFFD");
        return clean ? text : "base64:" + Base64.getEncoder().encodeToString(value);
    }
}
