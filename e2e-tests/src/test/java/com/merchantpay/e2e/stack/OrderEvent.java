package com.merchantpay.e2e.stack;

import java.util.Map;
import org.apache.avro.generic.GenericRecord;

/**
 * One record of an order topic as a plain consumer sees it: raw key and value, decoded with the
 * writer schema the registry holds for the value's 4-byte id.
 *
 * @param type     the record's full schema name, e.g. {@code com.merchantpay.events.outcome.PaymentSucceeded}
 * @param schemaId the id in bytes 1-4 of the value (byte 0 is the magic 0)
 * @param headers  the record's headers as UTF-8 text (the last value of each name)
 */
public record OrderEvent(String topic, int partition, long offset, String key, int schemaId, String type,
                         GenericRecord value, Map<String, String> headers) {

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
