package com.merchantpay.schemas.registry;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The registry's Confluent-compatible API ({@code /apis/ccompat/v7}), the same one any
 * Confluent client uses, so what this project registers is exactly what a subscriber in another
 * language finds. Subjects follow RecordNameStrategy: a record's full name.
 *
 * <p>Every call has the deadline and attempts of {@link RegistrySettings}. A timeout, a refused
 * connection or a 5xx is retried, then becomes {@link RegistryUnavailableException}; a 404 is an
 * answer ({@link SchemaNotRegisteredException}) and is never retried.
 */
public final class SchemaRegistryClient {

    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RegistrySettings settings;
    private final HttpClient http;

    public SchemaRegistryClient(RegistrySettings settings) {
        this.settings = settings;
        this.http = HttpClient.newBuilder().connectTimeout(settings.requestTimeout()).build();
    }

    public RegistrySettings settings() {
        return settings;
    }

    /** The id under which {@code schema} is registered for {@code subject}; never registers anything. */
    public int idOf(String subject, Schema schema) {
        JsonNode found = call("POST", "/subjects/" + encode(subject), Map.of("schema", schema.toString()),
                "schema " + subject + " is not registered: run the schema registration step first");
        return found.path("id").asInt();
    }

    /** The writer schema behind an id read off the wire. */
    public Schema schemaById(int id) {
        JsonNode found = call("GET", "/schemas/ids/" + id, null, "no schema with id " + id + " in the registry");
        return new Schema.Parser().parse(found.path("schema").asString());
    }

    /**
     * Registers {@code schema} as the newest version of {@code subject} (a no-op returning the same id
     * when that content is already there). Fails with {@link IncompatibleSchemaException} when the
     * subject's compatibility rule refuses it.
     */
    public int register(String subject, Schema schema) {
        return call("POST", "/subjects/" + encode(subject) + "/versions", Map.of("schemaType", "AVRO", "schema", schema.toString()),
                "subject " + subject + " not found").path("id").asInt();
    }

    /** Sets the compatibility rule the registry enforces on new versions of {@code subject}. */
    public void setCompatibility(String subject, String level) {
        call("PUT", "/config/" + encode(subject), Map.of("compatibility", level), "subject " + subject + " not found");
    }

    /** The subject's compatibility rule, or the registry's global one if the subject has none. */
    public String compatibility(String subject) {
        JsonNode config = call("GET", "/config/" + encode(subject) + "?defaultToGlobal=true", null,
                "subject " + subject + " has no compatibility rule");
        return config.path("compatibilityLevel").asString();
    }

    public List<String> subjects() {
        List<String> subjects = new ArrayList<>();
        call("GET", "/subjects", null, "no subjects").forEach(subject -> subjects.add(subject.asString()));
        return subjects;
    }

    /** Every version number of a subject, oldest first. */
    public List<Integer> versions(String subject) {
        List<Integer> versions = new ArrayList<>();
        call("GET", "/subjects/" + encode(subject) + "/versions", null, "subject " + subject + " not found")
                .forEach(version -> versions.add(version.asInt()));
        return versions;
    }

    private JsonNode call(String method, String path, Map<String, String> body, String notFound) {
        RegistryUnavailableException last = null;
        Duration pause = settings.backoff();
        for (int attempt = 1; attempt <= settings.attempts(); attempt++) {
            if (attempt > 1) {
                pauseFor(pause, method, path);
                pause = pause.multipliedBy(2);
            }
            try {
                return answer(send(method, path, body), method, path, notFound);
            } catch (IOException e) {
                last = new RegistryUnavailableException(method + " " + path + " got no answer within "
                        + settings.requestTimeout().toMillis() + " ms (attempt " + attempt + "): " + e, e);
            } catch (ServerError e) {
                last = new RegistryUnavailableException(method + " " + path + " answered " + e.getMessage()
                        + " (attempt " + attempt + ")", e);
            }
        }
        throw last;
    }

    private HttpResponse<String> send(String method, String path, Map<String, String> body) throws IOException {
        HttpRequest.BodyPublisher content = body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
        HttpRequest request = HttpRequest.newBuilder(URI.create(settings.confluentApiUrl() + path))
                .timeout(settings.requestTimeout())
                .header("Content-Type", CONTENT_TYPE)
                .header("Accept", CONTENT_TYPE)
                .method(method, content)
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryUnavailableException("interrupted during " + method + " " + path, e);
        }
    }

    private static JsonNode answer(HttpResponse<String> response, String method, String path, String notFound) {
        int status = response.statusCode();
        if (status / 100 == 2) {
            return JSON.readTree(response.body());
        }
        if (status >= 500) {
            throw new ServerError(status + " " + abbreviated(response.body()));
        }
        if (status == 404) {
            throw new SchemaNotRegisteredException(notFound);
        }
        if (status == 409) {
            throw new IncompatibleSchemaException(path, abbreviated(response.body()));
        }
        throw new IllegalStateException(method + " " + path + " answered " + status + ": " + abbreviated(response.body()));
    }

    private static void pauseFor(Duration pause, String method, String path) {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryUnavailableException("interrupted while retrying " + method + " " + path, e);
        }
    }

    private static String abbreviated(String body) {
        return body.length() > 300 ? body.substring(0, 300) + "..." : body;
    }

    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8);
    }

    /** A 5xx: the registry is there but cannot answer now; worth another attempt. */
    private static final class ServerError extends RuntimeException {
        ServerError(String message) {
            super(message, null, false, false);
        }
    }
}
