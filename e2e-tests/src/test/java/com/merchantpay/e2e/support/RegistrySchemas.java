package com.merchantpay.e2e.support;

import tools.jackson.databind.JsonNode;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * Writer schemas by the 4-byte id of the Confluent wire format, fetched from the registry's
 * Confluent-compatible API exactly as a consumer in any language would ({@code GET
 * /apis/ccompat/v7/schemas/ids/{id}}), and nothing else: every event is registered whole, so a
 * schema that needed references to parse would fail here, as it would for such a consumer.
 */
final class RegistrySchemas {

    private final URI registry;
    private final JsonHttp http;
    private final Map<Integer, Schema> byId = new ConcurrentHashMap<>();

    RegistrySchemas(URI registry, JsonHttp http) {
        this.registry = registry;
        this.http = http;
    }

    Schema byId(int id) {
        return byId.computeIfAbsent(id, this::fetch);
    }

    private Schema fetch(int id) {
        JsonHttp.Reply reply = http.get(registry.resolve("/apis/ccompat/v7/schemas/ids/" + id), Map.of());
        if (reply.status() != 200) {
            throw new IllegalStateException("registry GET schema " + id + " answered " + reply.status());
        }
        JsonNode schema = reply.body();
        if (!schema.path("references").isEmpty()) {
            throw new IllegalStateException("schema " + id + " has references: a Confluent client could not decode it alone");
        }
        return new Schema.Parser().parse(schema.path("schema").asString());
    }
}
