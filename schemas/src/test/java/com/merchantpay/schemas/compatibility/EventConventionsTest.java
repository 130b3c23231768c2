package com.merchantpay.schemas.compatibility;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Conventions every event keeps (../shared/DESIGN.md, "Events"), so a new event cannot drift from them. */
class EventConventionsTest {

    static Stream<Schema> events() {
        Set<String> sharedRecords = SchemaSet.read(Path.of("src/main/avro/common")).byFullName().keySet();
        return SchemaSet.read(Path.of("src/main/avro")).byFullName().values().stream()
                .filter(schema -> !sharedRecords.contains(schema.getFullName()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void carriesEventIdTimeAndTrace(Schema event) {
        assertThat(event.getField("eventId").schema().getType()).isEqualTo(Schema.Type.STRING);
        assertThat(event.getField("traceId").schema().getType()).isEqualTo(Schema.Type.STRING);
        assertThat(event.getField("occurredAt").schema().getLogicalType()).isEqualTo(LogicalTypes.timestampMillis());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void isKeyedByOrderNumberUnlessItIsAboutAUser(Schema event) {
        String key = event.getName().equals("UserLoggedIn") ? "openId" : "orderNo";
        assertThat(event.getField(key)).as("key field of " + event.getName()).isNotNull();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void keepsMoneyAsMinorUnitsNeverAsFloats(Schema event) {
        for (Schema.Field field : event.getFields()) {
            Schema.Type type = nonNull(field.schema()).getType();
            assertThat(type).as(field.name()).isNotIn(Schema.Type.FLOAT, Schema.Type.DOUBLE);
            if (field.name().toLowerCase().contains("amount")) {
                assertThat(field.name()).matches("amountMinor|[a-z]+AmountMinor");
                assertThat(type).as(field.name()).isEqualTo(Schema.Type.LONG);
            }
        }
    }

    private static Schema nonNull(Schema schema) {
        if (schema.getType() != Schema.Type.UNION) {
            return schema;
        }
        return schema.getTypes().stream().filter(s -> s.getType() != Schema.Type.NULL).findFirst().orElseThrow();
    }
}
