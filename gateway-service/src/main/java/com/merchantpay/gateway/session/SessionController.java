package com.merchantpay.gateway.session;

import com.merchantpay.gateway.edge.TraceIdFilter;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

@RestController
class SessionController {

    private final LoginFlow logins;

    SessionController(LoginFlow logins) {
        this.logins = logins;
    }

    @PostMapping(path = "/api/v1/sessions", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Log in with a wx.login code", description = "The same code sent again within 5 minutes gets the same token.")
    @ApiResponse(responseCode = "200", description = "Logged in")
    @ApiResponse(responseCode = "400", description = "LOGIN_CODE_MALFORMED, MALFORMED_JSON, UNKNOWN_FIELD, INVALID_REQUEST")
    @ApiResponse(responseCode = "401", description = "LOGIN_CODE_REJECTED: log in again with a new code")
    @ApiResponse(responseCode = "403", description = "USER_BLOCKED")
    @ApiResponse(responseCode = "429", description = "RATE_LIMITED or WECHAT_RATE_LIMITED, with Retry-After")
    @ApiResponse(responseCode = "502", description = "WECHAT_BAD_GATEWAY")
    @ApiResponse(responseCode = "503", description = "WECHAT_BUSY, WECHAT_UNAVAILABLE, EVENTS_UNAVAILABLE, with Retry-After")
    Mono<LoginResponse> logIn(@Valid @RequestBody LoginRequest request, ServerWebExchange exchange) {
        return logins.logIn(request.code(), TraceIdFilter.traceIdOf(exchange))
                .map(login -> new LoginResponse(login.token().token(), login.token().expiresAt()));
    }

    record LoginRequest(@NotNull @Schema(description = "The code from wx.login", example = "0a3Xk2ll2xyzAbCdEfGh1234567890ab") String code) {
        @Override
        public String toString() {
            return "LoginRequest[code=***]";
        }
    }

    record LoginResponse(
            @Schema(description = "Send as 'Authorization: Bearer <token>'") String token,
            @Schema(description = "When the token stops working; log in again before") Instant expiresAt) {
        @Override
        public String toString() {
            return "LoginResponse[token=***, expiresAt=" + expiresAt + "]";
        }
    }
}
