package com.merchantpay.schemas.registry;

import java.util.List;
import org.apache.avro.Schema;

/**
 * The deliberate step that puts every event schema in the registry, once per deployment (the local
 * stack, the test infrastructure, compose's init job and {@code bin/ops schemas register} all run
 * this): one subject per event (its full name), each event registered whole (no references), and
 * the subject's rule set to {@value #COMPATIBILITY} before the version is added, so the registry
 * itself refuses a version that could not read every record already on the topics. Running it again
 * changes nothing.
 */
public final class SchemaRegistration {

    /** Topics keep records for years: a new version must read what every earlier version wrote. */
    public static final String COMPATIBILITY = "BACKWARD_TRANSITIVE";

    /** A registered event: its subject and the id its records carry. */
    public record Registered(String subject, int id) {
    }

    private SchemaRegistration() {
    }

    /** Registers every event the {@code schemas} module ships. */
    public static List<Registered> registerAll(SchemaRegistryClient registry) {
        return register(registry, EventSchemas.fromClasspath());
    }

    public static List<Registered> register(SchemaRegistryClient registry, List<Schema> events) {
        return events.stream().map(event -> {
            registry.setCompatibility(event.getFullName(), COMPATIBILITY);
            return new Registered(event.getFullName(), registry.register(event.getFullName(), event));
        }).toList();
    }
}
