package com.merchantpay.schemas.compatibility;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The build gate: `mvn verify` fails here when a schema change would break a consumer. */
class BackwardCompatibilityTest {

    private static final Path RELEASED = Path.of("released");
    private static final Path CURRENT = Path.of("src/main/avro");

    @Test
    void everyCurrentSchemaReadsWhatItsReleasedVersionWrote() {
        assertThat(BackwardCompatibilityGate.problems(SchemaSet.read(RELEASED), SchemaSet.read(CURRENT))).isEmpty();
    }

    @Test
    void gateRefusesANewFieldWithoutADefault() {
        SchemaSet broken = SchemaSet.read(Path.of("src/test/resources/evolutions/required-field"));
        assertThat(BackwardCompatibilityGate.problems(SchemaSet.read(RELEASED), merged(broken)))
                .singleElement().asString()
                .startsWith("com.merchantpay.events.outcome.PaymentSucceeded: not backward compatible");
    }

    @Test
    void gateRefusesARemovedRecord() {
        SchemaSet current = SchemaSet.read(CURRENT);
        var withoutOne = new java.util.HashMap<>(current.byFullName());
        withoutOne.remove("com.merchantpay.events.alert.PaymentAmountMismatch");
        assertThat(BackwardCompatibilityGate.problems(SchemaSet.read(RELEASED), new SchemaSet(withoutOne)))
                .containsExactly("com.merchantpay.events.alert.PaymentAmountMismatch: released schema was removed");
    }

    @Test
    void gateAcceptsANewOptionalField() {
        SchemaSet evolved = SchemaSet.read(Path.of("src/test/resources/evolutions/optional-field"));
        assertThat(BackwardCompatibilityGate.problems(SchemaSet.read(RELEASED), merged(evolved))).isEmpty();
    }

    /** The current schemas with the given ones replacing their namesakes. */
    private static SchemaSet merged(SchemaSet replacements) {
        var schemas = new java.util.HashMap<>(SchemaSet.read(CURRENT).byFullName());
        schemas.putAll(replacements.byFullName());
        return new SchemaSet(schemas);
    }
}
