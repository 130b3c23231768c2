package com.merchantpay.testsupport;

import com.merchantpay.schemas.registry.EventSchemas;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * One filled-in instance of any event, generated from its schema rather than written by hand, so
 * a test over "every event type" covers an event added tomorrow too. Every field gets a value that
 * names it; a union gets its non-null branch (the harder one to decode).
 */
public final class SampleEvents {

    private static final SpecificData EVENTS = new SpecificData(SampleEvents.class.getClassLoader());

    private SampleEvents() {
    }

    /** One instance of each event the schemas module ships, keyed by its order number (or openid). */
    public static List<SpecificRecord> everyEvent(String key) {
        return EventSchemas.fromClasspath().stream().map(schema -> of(schema, key)).toList();
    }

    /** An instance of the event's generated class; its order number or openid is {@code key}. */
    public static SpecificRecord of(Schema event, String key) {
        SpecificRecord record = (SpecificRecord) fill(EVENTS.getSchema(EVENTS.getClass(event)), "");
        for (String keyField : List.of("orderNo", "openId")) {
            Schema.Field field = record.getSchema().getField(keyField);
            if (field != null) {
                record.put(field.pos(), key);
            }
        }
        return record;
    }

    private static Object fill(Schema schema, String name) {
        if (LogicalTypes.timestampMillis().equals(schema.getLogicalType())) {
            return Instant.parse("2026-11-30T10:15:30.123Z");
        }
        return switch (schema.getType()) {
            case RECORD -> {
                SpecificRecord record = (SpecificRecord) EVENTS.newRecord(null, schema);
                schema.getFields().forEach(field -> record.put(field.pos(), fill(field.schema(), field.name())));
                yield record;
            }
            case UNION -> fill(schema.getTypes().stream().filter(branch -> branch.getType() != Schema.Type.NULL)
                    .findFirst().orElseThrow(), name);
            case ARRAY -> List.of(fill(schema.getElementType(), name));
            case MAP -> Map.of("key", fill(schema.getValueType(), name));
            case STRING -> "sample-" + name;
            case LONG -> 1234L;
            case INT -> 12;
            case BOOLEAN -> true;
            case DOUBLE -> 1.5d;
            case FLOAT -> 1.5f;
            case BYTES -> ByteBuffer.wrap(new byte[] {1, 2, 3});
            case ENUM -> EVENTS.createEnum(schema.getEnumSymbols().getFirst(), schema);
            case FIXED, NULL -> throw new IllegalArgumentException("no sample for " + schema.getType() + " " + name);
        };
    }
}
