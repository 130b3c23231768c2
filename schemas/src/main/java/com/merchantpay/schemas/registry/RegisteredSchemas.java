package com.merchantpay.schemas.registry;

import com.merchantpay.schemas.topics.TopicSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * What this process knows of the registry: the id of every schema it writes and the schema behind
 * every id it has read. One instance per registry URL and JVM, shared by every serializer and
 * deserializer, so a schema is looked up once per process, not once per consumer.
 *
 * <p>A service calls {@link #require} at start for every event of the topics it reads and writes.
 * After that neither a send nor a poll waits on the registry for a current schema; only a record
 * written with an older or newer version costs one lookup, with the deadline of
 * {@link RegistrySettings}.
 */
public final class RegisteredSchemas {

    private static final Map<String, RegisteredSchemas> BY_REGISTRY = new ConcurrentHashMap<>();

    private final SchemaRegistryClient registry;
    private final Map<String, Integer> idsByName = new ConcurrentHashMap<>();
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();

    private RegisteredSchemas(SchemaRegistryClient registry) {
        this.registry = registry;
    }

    /** The process-wide instance for this registry. */
    public static RegisteredSchemas of(RegistrySettings settings) {
        return BY_REGISTRY.computeIfAbsent(settings.baseUrl(), url -> new RegisteredSchemas(new SchemaRegistryClient(settings)));
    }

    public static RegisteredSchemas of(String registryUrl) {
        return of(RegistrySettings.of(registryUrl));
    }

    public SchemaRegistryClient registry() {
        return registry;
    }

    /**
     * Looks up every event of these topics now. Fails with {@link SchemaNotRegisteredException}
     * naming every missing one (the service must not start: it could not write or read them) or
     * with {@link RegistryUnavailableException}.
     */
    public void require(Collection<TopicSpec> topics) {
        List<String> missing = new ArrayList<>();
        topics.stream().flatMap(topic -> topic.events().stream()).distinct().forEach(event -> {
            try {
                writerId(event);
            } catch (SchemaNotRegisteredException e) {
                missing.add(event.getFullName());
            }
        });
        if (!missing.isEmpty()) {
            throw new SchemaNotRegisteredException("schemas not registered in " + registry.settings().baseUrl() + ": "
                    + missing + ". Register them first (bin/ops schemas register, or the deployment's schema job).");
        }
    }

    /** The id records of this event carry; looked up (never registered) on first use. */
    public int writerId(Schema event) {
        Integer known = idsByName.get(event.getFullName());
        if (known != null) {
            return known;
        }
        Schema published = EventSchemas.published(event.getFullName()).orElse(event);
        int id = registry.idOf(event.getFullName(), published);
        schemasById.putIfAbsent(id, published);
        idsByName.put(event.getFullName(), id);
        return id;
    }

    /** The writer schema behind an id read off the wire. */
    public Schema writerSchema(int id) {
        Schema known = schemasById.get(id);
        if (known != null) {
            return known;
        }
        Schema fetched = registry.schemaById(id);
        Schema raced = schemasById.putIfAbsent(id, fetched);
        return raced != null ? raced : fetched;
    }

    /** Whether every event of these topics was looked up already (for readiness). */
    public boolean knowsAll(Collection<TopicSpec> topics) {
        return topics.stream().flatMap(topic -> topic.events().stream())
                .allMatch(event -> idsByName.containsKey(event.getFullName()));
    }
}
