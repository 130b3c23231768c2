package com.merchantpay.gateway.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.merchantpay.gateway.fixture.GatewayInstance;
import com.merchantpay.gateway.fixture.TestIdentities;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAPI document the app serves must equal the checked-in {@code gateway-service/openapi.json}.
 * On a difference the served one is written to {@code target/openapi.json}; copy it over after review.
 */
class OpenApiDocumentTest {

    private static final Path CHECKED_IN = Path.of("openapi.json");
    private static final Path SERVED = Path.of("target", "openapi.json");
    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

    @Test
    void the_served_document_is_the_checked_in_one() throws Exception {
        String served = GatewayInstance.primary().client(TestIdentities.clientIp()).get().uri("/v3/api-docs").exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        JsonNode servedTree = JSON.readTree(served);
        Files.writeString(SERVED, JSON.writeValueAsString(JSON.treeToValue(servedTree, Object.class)) + "\n");

        assertThat(Files.exists(CHECKED_IN))
                .as("gateway-service/openapi.json is missing; run this test and `cp target/openapi.json openapi.json` in gateway-service")
                .isTrue();
        assertThat(servedTree)
                .as("The served OpenAPI document differs from gateway-service/openapi.json. If the change is intended, "
                        + "review and run `cp target/openapi.json openapi.json` in gateway-service.")
                .isEqualTo(JSON.readTree(Files.readString(CHECKED_IN)));
    }
}
