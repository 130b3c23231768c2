package com.merchantpay.e2e.stack;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * Writer schemas by the 4-byte id of the Confluent wire format, fetched from the registry's
 * Confluent-compatible API exactly as a consumer in any language would ({@code GET
 * /apis/ccompat/v7/schemas/ids/{id}}). A schema registered with references (a nested record such as
 * CheckoutItem registered on its own by the serde) names types defined elsewhere; those are parsed
 * first, through the Confluent subjects, or through the registry's native API when the serde's
 * artifacts are out of the subjects' reach.
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
        JsonNode reply = get("/apis/ccompat/v7/schemas/ids/" + id);
        Schema.Parser parser = new Schema.Parser();
        if (!reply.path("references").isEmpty()) {
            Set<String> seen = new HashSet<>();
            if (!parseSubjectReferences(reply, new Schema.Parser(), new HashSet<>())) {
                parseNativeReferences("/apis/registry/v3/ids/contentIds/" + id + "/references", parser, seen);
            } else {
                parseSubjectReferences(reply, parser, seen);
            }
        }
        return parser.parse(reply.path("schema").asText());
    }

    /** @return false when a referenced subject is not reachable through the Confluent API */
    private boolean parseSubjectReferences(JsonNode schema, Schema.Parser parser, Set<String> seen) {
        for (JsonNode reference : schema.path("references")) {
            String path = "/apis/ccompat/v7/subjects/" + encode(reference.path("subject").asText())
                    + "/versions/" + reference.path("version").asText();
            if (!seen.add(path)) {
                continue;
            }
            JsonHttp.Reply referenced = http.get(registry.resolve(path), Map.of());
            if (referenced.status() != 200 || !parseSubjectReferences(referenced.body(), parser, seen)) {
                return false;
            }
            parser.parse(referenced.body().path("schema").asText());
        }
        return true;
    }

    private void parseNativeReferences(String referencesPath, Schema.Parser parser, Set<String> seen) {
        for (JsonNode reference : get(referencesPath)) {
            String group = reference.path("groupId").isTextual() ? reference.path("groupId").asText() : "default";
            String version = "/apis/registry/v3/groups/" + encode(group) + "/artifacts/"
                    + encode(reference.path("artifactId").asText()) + "/versions/" + encode(reference.path("version").asText());
            if (seen.add(version)) {
                parseNativeReferences(version + "/references", parser, seen);
                parser.parse(get(version + "/content").toString());
            }
        }
    }

    private JsonNode get(String path) {
        JsonHttp.Reply reply = http.get(registry.resolve(path), Map.of());
        if (reply.status() != 200) {
            throw new IllegalStateException("registry GET " + path + " answered " + reply.status());
        }
        return reply.body();
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
