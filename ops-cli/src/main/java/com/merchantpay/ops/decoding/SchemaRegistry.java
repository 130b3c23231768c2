package com.merchantpay.ops.decoding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.merchantpay.ops.cluster.ExitCode;
import com.merchantpay.ops.cluster.OpsFailure;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * Writer schemas by the id in a record's first five bytes, from the registry's Confluent-compatible
 * API ({@code /apis/ccompat/v7/schemas/ids/<id>}). Each id is fetched once per run.
 */
public final class SchemaRegistry {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final Duration timeout;
    private final HttpClient http;
    private final Map<Integer, Optional<Schema>> schemas = new ConcurrentHashMap<>();

    public SchemaRegistry(String baseUrl, Duration timeout) {
        this.baseUrl = baseUrl.replaceAll("/+$", "").replaceAll("/apis/registry/v3$", "");
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** The writer schema with this id; empty when the registry does not know the id (a poison record). */
    public Optional<Schema> schema(int id) {
        return schemas.computeIfAbsent(id, this::fetch);
    }

    private Optional<Schema> fetch(int id) {
        return get("/apis/ccompat/v7/schemas/ids/" + id).map(reply -> {
            Schema.Parser parser = new Schema.Parser();
            if (!reply.path("references").isEmpty()) {
                parseReferences(id, reply, parser);
            }
            return parser.parse(reply.path("schema").asText());
        });
    }

    /**
     * A schema registered with references (the serde registers a nested record such as
     * CheckoutItem as its own artifact) names types defined elsewhere: parse those first. The
     * Confluent-compatible subjects are tried first; Apicurio keeps the serde's artifacts in a group
     * that those subjects do not reach, so its native API (by content id) is the fallback.
     */
    private void parseReferences(int id, JsonNode reply, Schema.Parser parser) {
        Schema.Parser confluentStyle = new Schema.Parser();
        if (parseConfluentReferences(reply, confluentStyle, new HashSet<>())) {
            parseConfluentReferences(reply, parser, new HashSet<>());
        } else {
            parseNativeReferences("/apis/registry/v3/ids/contentIds/" + id + "/references", parser, new HashSet<>());
        }
    }

    /** @return false when a referenced subject is not there */
    private boolean parseConfluentReferences(JsonNode schemaReply, Schema.Parser parser, Set<String> parsed) {
        for (JsonNode reference : schemaReply.path("references")) {
            String subject = reference.path("subject").asText();
            String version = reference.path("version").asText();
            if (!parsed.add(subject + "/" + version)) {
                continue;
            }
            Optional<JsonNode> referenced = get("/apis/ccompat/v7/subjects/" + encode(subject) + "/versions/" + version);
            if (referenced.isEmpty() || !parseConfluentReferences(referenced.get(), parser, parsed)) {
                return false;
            }
            parser.parse(referenced.get().path("schema").asText());
        }
        return true;
    }

    private void parseNativeReferences(String referencesPath, Schema.Parser parser, Set<String> parsed) {
        for (JsonNode reference : get(referencesPath).orElse(JSON.createArrayNode())) {
            String group = reference.path("groupId").isTextual() ? reference.path("groupId").asText() : "default";
            String version = "/apis/registry/v3/groups/" + encode(group) + "/artifacts/"
                    + encode(reference.path("artifactId").asText()) + "/versions/" + encode(reference.path("version").asText());
            if (!parsed.add(version)) {
                continue;
            }
            parseNativeReferences(version + "/references", parser, parsed);
            JsonNode content = get(version + "/content").orElseThrow(() -> new OpsFailure(ExitCode.FAILED,
                    "registry lacks the referenced schema " + reference.path("name").asText()));
            parser.parse(content.toString());
        }
    }

    private static String encode(String pathSegment) {
        return URLEncoder.encode(pathSegment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private Optional<JsonNode> get(String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(timeout).GET().build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw OpsFailure.unreachable("registry " + baseUrl + " did not answer within " + timeout.toSeconds()
                    + "s: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OpsFailure(ExitCode.FAILED, "interrupted while calling the registry");
        } catch (IllegalArgumentException e) {
            throw OpsFailure.usage("bad registry URL " + baseUrl + ": " + e.getMessage());
        }
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            throw new OpsFailure(ExitCode.FAILED, "registry " + baseUrl + path + " answered HTTP " + response.statusCode());
        }
        try {
            return Optional.of(JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new OpsFailure(ExitCode.FAILED, "registry " + baseUrl + path + " answered something that is not JSON");
        }
    }
}
