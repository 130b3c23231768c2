package com.merchantpay.schemas.compatibility;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import org.junit.jupiter.api.Test;

/**
 * What the build's schema gate ({@link CompatibilityGate}, a build step) decides: every current
 * schema must read what every released version wrote.
 */
class BackwardCompatibilityTest {

    private static final Path RELEASED = Path.of("released");
    private static final Path FIRST_RELEASE = Path.of("released/0.1.0");
    private static final Path CURRENT = Path.of("src/main/avro");
    private static final Path EVOLUTIONS = Path.of("src/test/resources/evolutions");

    @Test
    void everyCurrentSchemaReadsWhatEveryReleaseWrote() {
        assertThat(BackwardCompatibilityGate.problemsAgainstEveryRelease(RELEASED, SchemaSet.read(CURRENT))).isEmpty();
    }

    @Test
    void gateRefusesANewFieldWithoutADefault() {
        SchemaSet broken = SchemaSet.read(EVOLUTIONS.resolve("required-field"));
        assertThat(BackwardCompatibilityGate.problems(SchemaSet.read(FIRST_RELEASE), merged(broken)))
                .singleElement().asString()
                .startsWith("com.merchantpay.events.outcome.PaymentSucceeded: not backward compatible");
    }

    @Test
    void gateRefusesARemovedRecord() {
        var withoutOne = new HashMap<>(SchemaSet.read(CURRENT).byFullName());
        withoutOne.remove("com.merchantpay.events.alert.PaymentAmountMismatch");
        assertThat(BackwardCompatibilityGate.problems(SchemaSet.read(FIRST_RELEASE), new SchemaSet(withoutOne)))
                .containsExactly("com.merchantpay.events.alert.PaymentAmountMismatch: released schema was removed");
    }

    @Test
    void gateAcceptsANewOptionalField() {
        SchemaSet evolved = SchemaSet.read(EVOLUTIONS.resolve("optional-field"));
        assertThat(BackwardCompatibilityGate.problemsAgainstEveryRelease(RELEASED, merged(evolved))).isEmpty();
    }

    /**
     * 0.1.0 wrote {@code note} as a string, 0.2.0 dropped it, and the change brings it back as an int
     * with a default: fine against the last release, unreadable for records 0.1.0 wrote years ago.
     */
    @Test
    void gateIsTransitiveAChangeCompatibleWithTheLastReleaseButNotAnOlderOneIsRefused() {
        Path transitive = EVOLUTIONS.resolve("transitive");
        SchemaSet current = SchemaSet.read(transitive.resolve("current"));

        assertThat(BackwardCompatibilityGate.problems(SchemaSet.read(transitive.resolve("released/0.2.0")), current)).isEmpty();
        assertThat(BackwardCompatibilityGate.problemsAgainstEveryRelease(transitive.resolve("released"), current))
                .singleElement().asString()
                .startsWith("release 0.1.0: com.merchantpay.events.test.ParcelShipped: not backward compatible");
    }

    /** The current schemas with the given ones replacing their namesakes. */
    private static SchemaSet merged(SchemaSet replacements) {
        var schemas = new HashMap<>(SchemaSet.read(CURRENT).byFullName());
        schemas.putAll(replacements.byFullName());
        return new SchemaSet(schemas);
    }
}
