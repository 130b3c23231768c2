package com.merchantpay.sandbox.wechat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/** {@code GET /sns/jscode2session}, answering HTTP 200 with JSON either way, as WeChat does. */
@Configuration(proxyBeanMethods = false)
class WeChatRoutes {

    @Bean
    RouterFunction<ServerResponse> code2SessionRoute(Code2Session code2Session) {
        return RouterFunctions.route().GET("/sns/jscode2session", request -> answer(request, code2Session)).build();
    }

    private static Mono<ServerResponse> answer(ServerRequest request, Code2Session code2Session) {
        Code2Session.Outcome outcome = code2Session.exchange(
                param(request, "appid"), param(request, "secret"), param(request, "js_code"),
                param(request, "grant_type"));
        return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(body(outcome));
    }

    private static Map<String, Object> body(Code2Session.Outcome outcome) {
        Map<String, Object> body = new LinkedHashMap<>();
        switch (outcome) {
            case Code2Session.Outcome.Session session -> {
                body.put("openid", session.openId());
                body.put("session_key", session.sessionKey());
                if (session.unionId() != null) {
                    body.put("unionid", session.unionId());
                }
            }
            case Code2Session.Outcome.Failure failure -> {
                body.put("errcode", failure.error().errcode());
                body.put("errmsg", failure.error().errmsg() + ", rid: " + requestId());
            }
        }
        return body;
    }

    private static String param(ServerRequest request, String name) {
        return request.queryParam(name).orElse(null);
    }

    /** WeChat's errmsg ends with a request id; a test can tell two answers apart by it. */
    private static String requestId() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 24);
    }
}
