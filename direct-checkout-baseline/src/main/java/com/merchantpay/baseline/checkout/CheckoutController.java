package com.merchantpay.baseline.checkout;

import jakarta.validation.Valid;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Mono;

/**
 * {@code POST /checkout} → 201 {@code {orderNo, payment: {timeStamp, nonceStr, package, signType,
 * paySign}}}, or a JSON error {@code {code, message}}: 400 for a malformed or invalid body, 422 for
 * a basket we do not sell, 502 when UseePay gave no pay values.
 */
@RestController
class CheckoutController {

    private static final Pattern TRACE_ID = Pattern.compile("[A-Za-z0-9._-]{8,64}");

    private final DirectCheckout checkout;

    CheckoutController(DirectCheckout checkout) {
        this.checkout = checkout;
    }

    @PostMapping("/checkout")
    Mono<ResponseEntity<Map<String, Object>>> checkout(@Valid @RequestBody CheckoutRequest request,
                                                       @RequestHeader(name = "X-Trace-Id", required = false) String traceId,
                                                       ServerWebExchange exchange) {
        String trace = traceId != null && TRACE_ID.matcher(traceId).matches() ? traceId : null;
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        String payerIp = remote == null || remote.getAddress() == null ? null : remote.getAddress().getHostAddress();
        return checkout.place(request, trace, payerIp).map(CheckoutController::reply);
    }

    private static ResponseEntity<Map<String, Object>> reply(CheckoutAnswer answer) {
        return switch (answer) {
            case CheckoutAnswer.Placed placed -> ResponseEntity.status(HttpStatus.CREATED)
                    .body(Map.of("orderNo", placed.orderNo(), "payment", placed.payment()));
            case CheckoutAnswer.Refused refused -> error(refused.status(), refused.code(), refused.message());
        };
    }

    @ExceptionHandler(WebExchangeBindException.class)
    ResponseEntity<Map<String, Object>> invalid(WebExchangeBindException invalid) {
        String fields = String.join(", ", invalid.getFieldErrors().stream()
                .map(error -> error.getField() + " " + error.getDefaultMessage()).sorted().toList());
        return error(400, "INVALID_REQUEST", fields);
    }

    @ExceptionHandler(ServerWebInputException.class)
    ResponseEntity<Map<String, Object>> malformed(ServerWebInputException malformed) {
        return error(400, "MALFORMED_REQUEST", "the body is not a checkout request");
    }

    private static ResponseEntity<Map<String, Object>> error(int status, String code, String message) {
        return ResponseEntity.status(status).body(Map.of("code", code, "message", message == null ? "" : message));
    }
}
