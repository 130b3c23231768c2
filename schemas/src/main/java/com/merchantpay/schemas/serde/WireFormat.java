package com.merchantpay.schemas.serde;

import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The Confluent wire format every value on our topics uses: magic byte {@code 0}, the writer
 * schema's registry id as a big-endian int, then the Avro binary body. Any Confluent-compatible
 * client in any language reads it with the registry's Confluent API alone.
 */
final class WireFormat {

    static final byte MAGIC_BYTE = 0;
    static final int HEADER_BYTES = 5;

    private WireFormat() {
    }

    /** The schema id of a framed value; fails for anything that is not in this format. */
    static int schemaId(String topic, byte[] value) {
        if (value.length < HEADER_BYTES || value[0] != MAGIC_BYTE) {
            throw new SerializationException("a value on " + topic + " is not in the Confluent wire format ("
                    + value.length + " bytes, first byte " + (value.length == 0 ? "none" : value[0]) + ")");
        }
        return ByteBuffer.wrap(value, 1, 4).getInt();
    }

    static void writeHeader(ByteBuffer out, int schemaId) {
        out.put(MAGIC_BYTE).putInt(schemaId);
    }
}
