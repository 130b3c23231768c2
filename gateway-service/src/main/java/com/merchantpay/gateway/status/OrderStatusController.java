package com.merchantpay.gateway.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.merchantpay.gateway.problem.ApiProblem;
import com.merchantpay.gateway.problem.ProblemCode;
import com.merchantpay.gateway.ratelimit.RateLimits;
import com.merchantpay.gateway.session.SessionTokens;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code GET /api/v1/orders/{orderNo}}, optionally as a long-poll that returns as soon as the state
 * differs from {@code knownState}. Someone else's order is answered exactly like a missing one.
 */
@RestController
class OrderStatusController {

    private static final Pattern ORDER_NO = Pattern.compile("[A-Z0-9]{1,64}");

    private final OrderView view;
    private final SessionTokens tokens;
    private final RateLimits limits;
    private final StatusProperties properties;

    OrderStatusController(OrderView view, SessionTokens tokens, RateLimits limits, StatusProperties properties) {
        this.view = view;
        this.tokens = tokens;
        this.limits = limits;
        this.properties = properties;
    }

    @GetMapping(path = "/api/v1/orders/{orderNo}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Read an order, or long-poll it for a change")
    @ApiResponse(responseCode = "200", description = "The order as the backend knows it")
    @ApiResponse(responseCode = "400", description = "INVALID_REQUEST (waitSeconds or knownState)")
    @ApiResponse(responseCode = "401", description = "TOKEN_MISSING, TOKEN_INVALID, TOKEN_EXPIRED")
    @ApiResponse(responseCode = "404", description = "ORDER_NOT_FOUND (also for another user's order)")
    @ApiResponse(responseCode = "429", description = "RATE_LIMITED, with Retry-After")
    Mono<OrderStatus> status(
            @PathVariable String orderNo,
            @Parameter(description = "Hold the request up to this many seconds (0-25) until the state changes")
            @RequestParam(required = false, defaultValue = "0") int waitSeconds,
            @Parameter(description = "The state the client already shows; the answer comes when it differs")
            @RequestParam(required = false) OrderState knownState,
            @Parameter(hidden = true) @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        String openId = tokens.openIdOf(authorization);
        limits.admitOpenId(openId);
        if (waitSeconds < 0 || waitSeconds > properties.maxWait().toSeconds()) {
            throw ApiProblem.of(ProblemCode.INVALID_REQUEST, "waitSeconds must be between 0 and " + properties.maxWait().toSeconds());
        }
        if (!ORDER_NO.matcher(orderNo).matches()) {
            throw notFound(properties);
        }
        Mono<Optional<OrderSnapshot>> answer = waitSeconds == 0
                ? Mono.just(view.find(orderNo))
                // Also waits for an order not seen yet: another instance may have just accepted it.
                : view.await(orderNo, order -> order.ownedBy(openId) && order.state() != knownState, Duration.ofSeconds(waitSeconds));
        return answer.map(found -> found.filter(order -> order.ownedBy(openId)).map(OrderStatus::of)
                .orElseThrow(() -> notFound(properties)));
    }

    /** The same answer for an order that never was, another user's, and one archived past the horizon. */
    private static ApiProblem notFound(StatusProperties properties) {
        return ApiProblem.of(ProblemCode.ORDER_NOT_FOUND, "No such order for this user in the last "
                + properties.horizon().toHours() + " hours (older orders are archived)");
    }

    /** What the Mini Program sees of an order. Amounts only once money was taken, refunds only once they succeeded. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record OrderStatus(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String orderNo,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) OrderState state,
            @Schema(description = "The five wx.requestPayment values; only while AWAITING_PAYMENT") PayParameters payment,
            @Schema(description = "Why the order was not accepted; only when REJECTED") OrderSnapshot.Rejection rejection,
            @Schema(description = "Money arrived after the order closed and is on its way back (until REFUNDED)") Boolean refundPending,
            @Schema(description = "What was taken, in the currency's minor unit; once paid (or paid late)") Long paidMinor,
            @Schema(description = "What went back by refunds that succeeded, in minor units; once money was taken") Long refundedMinor,
            @Schema(description = "ISO 4217 currency of paidMinor and refundedMinor") String currency) {

        static OrderStatus of(OrderSnapshot order) {
            // Pay parameters only while paying them makes sense.
            PayParameters payment = order.state() == OrderState.AWAITING_PAYMENT ? order.payment() : null;
            OrderSnapshot.Money money = order.money();
            return new OrderStatus(order.orderNo(), order.state(), payment, order.rejection(),
                    order.refundPending() ? Boolean.TRUE : null,
                    money == null ? null : money.paidMinor(),
                    money == null ? null : money.refundedMinor(),
                    money == null ? null : money.currency());
        }
    }
}
