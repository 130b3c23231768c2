package com.merchantpay.localstack.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers event schemas through the registry's Confluent-compatible API, so that producers and
 * consumers in any language find them. Topics carry several record types, so the subject is the
 * record's full name (Confluent's RecordNameStrategy), and each subject only accepts BACKWARD
 * compatible changes. Registering the same schema again is a no-op that returns the same id.
 */
public final class SchemaPublisher {

    private static final Logger log = LoggerFactory.getLogger(SchemaPublisher.class);
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

    private final String confluentCompatibleUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    /** A registered schema: its subject and the id that appears in the wire format. */
    public record Registration(String subject, int id) {
    }

    /** @param registryBaseUrl the server root, e.g. {@code http://127.0.0.1:8081} */
    public SchemaPublisher(String registryBaseUrl) {
        this.confluentCompatibleUrl = registryBaseUrl.replaceAll("/+$", "") + "/apis/ccompat/v7";
    }

    public List<Registration> publishAll() {
        return publish(EventSchemas.fromClasspath());
    }

    public List<Registration> publish(List<Schema> schemas) {
        return schemas.stream().map(this::publish).toList();
    }

    public Registration publish(Schema schema) {
        String subject = schema.getFullName();
        JsonNode registered = call("POST", "/subjects/" + encode(subject) + "/versions",
                Map.of("schemaType", "AVRO", "schema", schema.toString()));
        call("PUT", "/config/" + encode(subject), Map.of("compatibility", "BACKWARD"));
        Registration registration = new Registration(subject, registered.path("id").asInt());
        log.debug("Registered {} as schema id {}", subject, registration.id());
        return registration;
    }

    private JsonNode call(String method, String path, Map<String, String> body) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(confluentCompatibleUrl + path))
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", CONTENT_TYPE)
                    .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                    .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                // 409 here means the schema breaks BACKWARD compatibility with what is registered.
                throw new IllegalStateException(method + " " + path + " answered " + response.statusCode()
                        + ": " + response.body());
            }
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during " + method + " " + path, e);
        }
    }

    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8);
    }
}
