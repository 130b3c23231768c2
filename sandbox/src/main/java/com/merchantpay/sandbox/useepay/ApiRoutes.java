package com.merchantpay.sandbox.useepay;

import com.merchantpay.sandbox.faults.FaultSwitchboard;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/** {@code POST /api}, form-urlencoded in, JSON out — UseePay's single server-to-server endpoint. */
@Configuration(proxyBeanMethods = false)
class ApiRoutes {

    @Bean
    RouterFunction<ServerResponse> useePayApiRoute(UseePayApi api, FaultSwitchboard faults) {
        return RouterFunctions.route().POST("/api", request -> handle(request, api, faults)).build();
    }

    private static Mono<ServerResponse> handle(ServerRequest request, UseePayApi api, FaultSwitchboard faults) {
        Duration latency = faults.settings().addedLatency();
        return request.formData()
                .map(form -> api.handle(new ApiFields(form.toSingleValueMap())))
                .onErrorResume(unreadable -> Mono.just(api.refuseUnreadableBody()))
                .map(reply -> reply.after(latency))
                .flatMap(reply -> reply.delay().isZero() ? respond(reply)
                        : Mono.delay(reply.delay()).then(respond(reply)));
    }

    private static Mono<ServerResponse> respond(ApiReply reply) {
        return ServerResponse.status(reply.httpStatus()).contentType(MediaType.APPLICATION_JSON).bodyValue(reply.body());
    }
}
