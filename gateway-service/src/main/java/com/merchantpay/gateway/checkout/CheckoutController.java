package com.merchantpay.gateway.checkout;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.merchantpay.gateway.edge.ClientAddress;
import com.merchantpay.gateway.edge.TraceIdFilter;
import com.merchantpay.gateway.problem.ApiProblem;
import com.merchantpay.gateway.problem.ProblemCode;
import com.merchantpay.gateway.ratelimit.RateLimits;
import com.merchantpay.gateway.session.SessionTokens;
import com.merchantpay.gateway.status.OrderSnapshot;
import com.merchantpay.gateway.status.OrderState;
import com.merchantpay.gateway.status.PayParameters;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

@RestController
class CheckoutController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final Pattern KEY_SHAPE = Pattern.compile("[A-Za-z0-9_-]{8,64}");

    private final CheckoutFlow checkouts;
    private final SessionTokens tokens;
    private final RateLimits limits;
    private final ClientAddress clientAddress;

    CheckoutController(CheckoutFlow checkouts, SessionTokens tokens, RateLimits limits, ClientAddress clientAddress) {
        this.checkouts = checkouts;
        this.tokens = tokens;
        this.limits = limits;
        this.clientAddress = clientAddress;
    }

    @PostMapping(path = "/api/v1/orders", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Check out a basket", description = "Same user + same Idempotency-Key = same order and same answer.")
    @ApiResponse(responseCode = "201", description = "Order created; pass `payment` to wx.requestPayment")
    @ApiResponse(responseCode = "202", description = "Still being created; poll the Location")
    @ApiResponse(responseCode = "400", description = "MALFORMED_JSON, UNKNOWN_FIELD, INVALID_REQUEST, IDEMPOTENCY_KEY_MISSING, IDEMPOTENCY_KEY_MALFORMED")
    @ApiResponse(responseCode = "401", description = "TOKEN_MISSING, TOKEN_INVALID, TOKEN_EXPIRED")
    @ApiResponse(responseCode = "409", description = "IDEMPOTENCY_KEY_REUSED")
    @ApiResponse(responseCode = "422", description = "ORDER_REJECTED, with the reason")
    @ApiResponse(responseCode = "429", description = "RATE_LIMITED, with Retry-After")
    @ApiResponse(responseCode = "503", description = "EVENTS_UNAVAILABLE, with Retry-After")
    Mono<ResponseEntity<CheckoutAnswer>> checkOut(
            @Valid @RequestBody CheckoutRequest request,
            @Parameter(description = "8-64 characters of [A-Za-z0-9_-], new per basket, reused on retries")
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey,
            @Parameter(hidden = true) @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            ServerWebExchange exchange) {
        String openId = tokens.openIdOf(authorization);
        limits.admitOpenId(openId);
        if (idempotencyKey == null || idempotencyKey.isEmpty()) {
            throw ApiProblem.of(ProblemCode.IDEMPOTENCY_KEY_MISSING, "Idempotency-Key header is required");
        }
        if (!KEY_SHAPE.matcher(idempotencyKey).matches()) {
            throw ApiProblem.of(ProblemCode.IDEMPOTENCY_KEY_MALFORMED, "Idempotency-Key must be 8-64 characters of [A-Za-z0-9_-]");
        }
        CheckoutFlow.Checkout checkout = new CheckoutFlow.Checkout(openId, idempotencyKey, request,
                TraceIdFilter.traceIdOf(exchange), clientAddress.of(exchange));
        return checkouts.checkOut(checkout).map(CheckoutController::answer);
    }

    private static ResponseEntity<CheckoutAnswer> answer(OrderSnapshot order) {
        return switch (order.state()) {
            case CREATING -> ResponseEntity.status(HttpStatus.ACCEPTED)
                    .location(URI.create("/api/v1/orders/" + order.orderNo()))
                    .body(new CheckoutAnswer(order.orderNo(), order.state(), null));
            case REJECTED -> throw ApiProblem.withExtensions(ProblemCode.ORDER_REJECTED,
                    order.rejection() == null ? "Rejected" : order.rejection().message(),
                    Map.of("orderNo", order.orderNo(), "reason", order.rejection() == null ? Map.of() : order.rejection()));
            default -> ResponseEntity.status(HttpStatus.CREATED)
                    .location(URI.create("/api/v1/orders/" + order.orderNo()))
                    .body(new CheckoutAnswer(order.orderNo(), order.state(), order.payment()));
        };
    }

    /** {@code payment} is the five wx.requestPayment values, {@code package} included under that name. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record CheckoutAnswer(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String orderNo,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) OrderState state,
            @Schema(description = "The five wx.requestPayment values; absent while CREATING") PayParameters payment) {
    }
}
