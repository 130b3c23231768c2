package com.merchantpay.gateway.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.merchantpay.gateway.support.GatewayInstance;
import com.merchantpay.gateway.support.TestIdentities;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAPI document the app serves must equal the checked-in {@code gateway-service/openapi.json}.
 * On a difference the served one is written to {@code target/openapi.json}; copy it over after review.
 */
class OpenApiDocumentIT {

    private static final Path CHECKED_IN = Path.of("openapi.json");
    private static final Path SERVED = Path.of("target", "openapi.json");
    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

    @Test
    void theServedDocumentIsTheCheckedInOne() throws Exception {
        String served = GatewayInstance.primary().client(TestIdentities.clientIp()).get().uri("/v3/api-docs").exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        JsonNode servedTree = JSON.readTree(served);
        Files.writeString(SERVED, JSON.writeValueAsString(JSON.treeToValue(servedTree, Object.class)) + "\n");

        assertThat(Files.exists(CHECKED_IN))
                .as("gateway-service/openapi.json is missing; run this test and `cp target/openapi.json openapi.json` in gateway-service")
                .isTrue();
        List<String> differences = new ArrayList<>();
        differences(JSON.readTree(Files.readString(CHECKED_IN)), servedTree, "", differences);
        assertThat(differences)
                .as("The served OpenAPI document differs from gateway-service/openapi.json at these JSON pointers. If the change "
                        + "is intended, review target/openapi.json and run `cp target/openapi.json openapi.json` in gateway-service.")
                .isEmpty();
    }

    /** JSON pointers where the two trees differ, at most 20. */
    private static void differences(JsonNode expected, JsonNode actual, String pointer, List<String> found) {
        if (found.size() >= 20 || expected.equals(actual)) {
            return;
        }
        if (expected.isObject() && actual.isObject()) {
            Set<String> names = new TreeSet<>(expected.propertyNames());
            names.addAll(actual.propertyNames());
            for (String name : names) {
                JsonNode left = expected.get(name);
                JsonNode right = actual.get(name);
                if (left == null || right == null) {
                    found.add(pointer + "/" + name + (left == null ? " (only served)" : " (only checked in)"));
                } else {
                    differences(left, right, pointer + "/" + name, found);
                }
            }
        } else {
            found.add(pointer + " (checked in " + abbreviated(expected) + ", served " + abbreviated(actual) + ")");
        }
    }

    private static String abbreviated(JsonNode node) {
        String text = node.toString();
        return text.length() > 80 ? text.substring(0, 77) + "..." : text;
    }
}
