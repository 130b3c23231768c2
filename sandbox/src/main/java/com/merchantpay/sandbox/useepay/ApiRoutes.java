package com.merchantpay.sandbox.useepay;

import com.merchantpay.sandbox.faults.FaultSwitchboard;
import com.merchantpay.sandbox.tracing.TraceId;
import java.time.Duration;
import org.slf4j.MDC;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * {@code POST /api}, form-urlencoded in, JSON out — UseePay's single server-to-server endpoint. The
 * caller's trace id ({@link TraceId#of}), if any, goes with the call: into the order and the MDC of its log
 * lines; a create's {@code traceparent} is kept with the order for its notifications.
 */
@Configuration(proxyBeanMethods = false)
class ApiRoutes {

    @Bean
    RouterFunction<ServerResponse> useePayApiRoute(UseePayApi api, FaultSwitchboard faults) {
        return RouterFunctions.route().POST("/api", request -> handle(request, api, faults)).build();
    }

    private static Mono<ServerResponse> handle(ServerRequest request, UseePayApi api, FaultSwitchboard faults) {
        Duration latency = faults.settings().addedLatency();
        String traceId = TraceId.of(request.headers().firstHeader(TraceId.HTTP_HEADER),
                request.headers().firstHeader(TraceId.TRACEPARENT_HEADER));
        String traceparent = TraceId.traceparentFromHeader(request.headers().firstHeader(TraceId.TRACEPARENT_HEADER));
        return request.formData()
                .map(form -> handleTraced(api, new ApiFields(form.toSingleValueMap()), traceId, traceparent))
                .onErrorResume(unreadable -> Mono.just(api.refuseUnreadableBody()))
                .map(reply -> reply.after(latency))
                .flatMap(reply -> reply.delay().isZero() ? respond(reply)
                        : Mono.delay(reply.delay()).then(respond(reply)));
    }

    /** The call runs synchronously here, so the MDC entry covers every log line it writes. */
    private static ApiReply handleTraced(UseePayApi api, ApiFields fields, String traceId, String traceparent) {
        try (MDC.MDCCloseable ignored = TraceId.inMdc(traceId)) {
            return api.handle(fields, traceId, traceparent);
        }
    }

    private static Mono<ServerResponse> respond(ApiReply reply) {
        return ServerResponse.status(reply.httpStatus()).contentType(MediaType.APPLICATION_JSON).bodyValue(reply.body());
    }
}
