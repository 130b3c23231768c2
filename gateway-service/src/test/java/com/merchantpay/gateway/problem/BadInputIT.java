package com.merchantpay.gateway.problem;

import static org.assertj.core.api.Assertions.assertThat;

import com.merchantpay.gateway.support.GatewayInstance;
import com.merchantpay.gateway.support.TestIdentities;
import com.merchantpay.schemas.topics.PaymentTopics;
import com.merchantpay.testsupport.ConsumerGroups;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;

/** Every class of bad input gets application/problem+json with a stable code, and writes no event. */
class BadInputIT {

    private static final List<String> WRITTEN_BY_THE_GATEWAY = List.of(PaymentTopics.CHECKOUTS.name(), PaymentTopics.USER_LOGINS.name());

    private final GatewayInstance gateway = GatewayInstance.primary();
    private final String token = GatewayInstance.tokenFor(TestIdentities.openId());
    private WebTestClient client;
    private Map<TopicPartition, Long> topicsBefore;

    @BeforeEach
    void setUp() {
        client = gateway.client(TestIdentities.clientIp());
        topicsBefore = ConsumerGroups.shared().endOffsets(WRITTEN_BY_THE_GATEWAY);
    }

    @AfterEach
    void nothingWasWritten() {
        // The gateway writes before it answers, so anything bad input had written would be there by now.
        assertThat(ConsumerGroups.shared().endOffsets(WRITTEN_BY_THE_GATEWAY))
                .as("CheckoutRequested or UserLoggedIn written for bad input").isEqualTo(topicsBefore);
    }

    @Test
    void malformedJsonIsMalformedJson() {
        expectProblem(checkout(MediaType.APPLICATION_JSON, "{\"items\": [ {\"productId\": \"A\", "), HttpStatus.BAD_REQUEST, "MALFORMED_JSON");
        expectProblem(checkout(MediaType.APPLICATION_JSON, "[]"), HttpStatus.BAD_REQUEST, "MALFORMED_JSON");
        expectProblem(checkout(MediaType.APPLICATION_JSON, "{\"items\": [{\"productId\": \"A\", \"quantity\": \"many\"}]}"), HttpStatus.BAD_REQUEST, "MALFORMED_JSON");
        expectProblem(login("{\"code\": "), HttpStatus.BAD_REQUEST, "MALFORMED_JSON");
    }

    @Test
    void aMissingBodyIsMalformedJson() {
        expectProblem(client.post().uri("/api/v1/orders").header("Authorization", "Bearer " + token)
                .header("Idempotency-Key", TestIdentities.idempotencyKey()).contentType(MediaType.APPLICATION_JSON).exchange(),
                HttpStatus.BAD_REQUEST, "MALFORMED_JSON");
    }

    @Test
    void pricesAndAmountsFromTheClientAreRefusedAsUnknownField() {
        expectProblem(checkout(MediaType.APPLICATION_JSON, "{\"items\": [{\"productId\": \"A\", \"quantity\": 1, \"price\": 1}]}"),
                HttpStatus.BAD_REQUEST, "UNKNOWN_FIELD").jsonPath("$.field").isEqualTo("price");
        expectProblem(checkout(MediaType.APPLICATION_JSON, "{\"items\": [{\"productId\": \"A\", \"quantity\": 1}], \"amountMinor\": 1}"),
                HttpStatus.BAD_REQUEST, "UNKNOWN_FIELD").jsonPath("$.field").isEqualTo("amountMinor");
    }

    @Test
    void invalidValuesAreInvalidRequestWithTheFields() {
        expectProblem(checkout(MediaType.APPLICATION_JSON, "{\"items\": []}"), HttpStatus.BAD_REQUEST, "INVALID_REQUEST")
                .jsonPath("$.errors[0].field").isEqualTo("items");
        expectProblem(checkout(MediaType.APPLICATION_JSON, "{\"items\": [{\"productId\": \"A\", \"quantity\": 0}]}"),
                HttpStatus.BAD_REQUEST, "INVALID_REQUEST");
        expectProblem(checkout(MediaType.APPLICATION_JSON, "{\"items\": [{\"productId\": \"<script>\", \"quantity\": 1}]}"),
                HttpStatus.BAD_REQUEST, "INVALID_REQUEST");
        expectProblem(checkout(MediaType.APPLICATION_JSON, "{\"items\": [{\"quantity\": 1}]}"), HttpStatus.BAD_REQUEST, "INVALID_REQUEST");
        expectProblem(client.get().uri("/api/v1/orders/MPX?waitSeconds=26").header("Authorization", "Bearer " + token).exchange(),
                HttpStatus.BAD_REQUEST, "INVALID_REQUEST");
        expectProblem(client.get().uri("/api/v1/orders/MPX?waitSeconds=soon").header("Authorization", "Bearer " + token).exchange(),
                HttpStatus.BAD_REQUEST, "INVALID_REQUEST");
        expectProblem(client.get().uri("/api/v1/orders/MPX?waitSeconds=1&knownState=SHIPPED").header("Authorization", "Bearer " + token).exchange(),
                HttpStatus.BAD_REQUEST, "INVALID_REQUEST");
    }

    @Test
    void theIdempotencyKeyIsRequiredAndChecked() {
        expectProblem(client.post().uri("/api/v1/orders").header("Authorization", "Bearer " + token)
                        .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("items", List.of(Map.of("productId", "A", "quantity", 1)))).exchange(),
                HttpStatus.BAD_REQUEST, "IDEMPOTENCY_KEY_MISSING");
        expectProblem(client.post().uri("/api/v1/orders").header("Authorization", "Bearer " + token).header("Idempotency-Key", "bad key!")
                        .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("items", List.of(Map.of("productId", "A", "quantity", 1)))).exchange(),
                HttpStatus.BAD_REQUEST, "IDEMPOTENCY_KEY_MALFORMED");
    }

    @Test
    void checkoutWithoutATokenIsTokenMissing() {
        expectProblem(client.post().uri("/api/v1/orders").header("Idempotency-Key", TestIdentities.idempotencyKey())
                        .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("items", List.of(Map.of("productId", "A", "quantity", 1)))).exchange(),
                HttpStatus.UNAUTHORIZED, "TOKEN_MISSING");
    }

    @Test
    void aWrongContentTypeIs415() {
        expectProblem(checkout(MediaType.TEXT_PLAIN, "items=A"), HttpStatus.UNSUPPORTED_MEDIA_TYPE, "UNSUPPORTED_MEDIA_TYPE");
        expectProblem(client.post().uri("/api/v1/sessions").contentType(MediaType.APPLICATION_FORM_URLENCODED).bodyValue("code=abc").exchange(),
                HttpStatus.UNSUPPORTED_MEDIA_TYPE, "UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void anOversizedBodyIs413WhetherItsLengthIsDeclaredOrNot() {
        String huge = "{\"items\": [{\"productId\": \"A\", \"quantity\": 1}], \"pad\": \"" + "x".repeat(20_000) + "\"}";
        expectProblem(checkout(MediaType.APPLICATION_JSON, huge), HttpStatus.CONTENT_TOO_LARGE, "BODY_TOO_LARGE");
        // Chunked: no Content-Length, so only the codec limit can catch it.
        Flux<String> chunks = Flux.fromIterable(List.of("{\"code\": \"", "y".repeat(10_000), "y".repeat(10_000), "\"}"));
        expectProblem(client.post().uri("/api/v1/sessions").contentType(MediaType.APPLICATION_JSON).body(chunks, String.class).exchange(),
                HttpStatus.CONTENT_TOO_LARGE, "BODY_TOO_LARGE");
    }

    @Test
    void unknownRoutesAndMethodsAreProblemsToo() {
        expectProblem(client.get().uri("/api/v1/nothing-here").exchange(), HttpStatus.NOT_FOUND, "ROUTE_NOT_FOUND");
        expectProblem(client.get().uri("/").exchange(), HttpStatus.NOT_FOUND, "ROUTE_NOT_FOUND");
        expectProblem(client.delete().uri("/api/v1/sessions").exchange(), HttpStatus.METHOD_NOT_ALLOWED, "METHOD_NOT_ALLOWED");
        expectProblem(client.put().uri("/api/v1/orders").contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange(),
                HttpStatus.METHOD_NOT_ALLOWED, "METHOD_NOT_ALLOWED");
    }

    private WebTestClient.ResponseSpec checkout(MediaType type, String body) {
        return client.post().uri("/api/v1/orders").header("Authorization", "Bearer " + token)
                .header("Idempotency-Key", TestIdentities.idempotencyKey()).contentType(type).bodyValue(body).exchange();
    }

    private WebTestClient.ResponseSpec login(String body) {
        return client.post().uri("/api/v1/sessions").contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private static WebTestClient.BodyContentSpec expectProblem(WebTestClient.ResponseSpec response, HttpStatus status, String code) {
        return response.expectStatus().isEqualTo(status)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().exists("X-Trace-Id")
                .expectBody()
                .jsonPath("$.code").isEqualTo(code)
                .jsonPath("$.status").isEqualTo(status.value())
                .jsonPath("$.title").exists()
                .jsonPath("$.traceId").exists();
    }

}
