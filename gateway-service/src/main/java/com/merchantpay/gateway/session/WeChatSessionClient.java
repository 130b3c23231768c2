package com.merchantpay.gateway.session;

import java.time.Duration;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Calls WeChat's {@code auth.code2Session}. The URL carries the app secret, so neither the URL nor a
 * client exception's message (which quotes it) is ever logged; failures are reduced to a cause
 * without the request in it. Busy ({@code -1}) gets exactly one short retry, nothing else does:
 * 40029/40163 mean the code is spent and a retry cannot help.
 */
@Component
class WeChatSessionClient {

    private final WebClient http;
    private final WeChatProperties properties;
    private final ObjectMapper json;

    WeChatSessionClient(WeChatProperties properties, ObjectMapper json) {
        // The body is read as text (WeChat labels its JSON text/plain), so no codecs need configuring.
        this.http = WebClient.builder().baseUrl(properties.baseUrl()).build();
        this.properties = properties;
        this.json = json;
    }

    Mono<Code2SessionAnswer> exchange(String code) {
        return callOnce(code).flatMap(answer -> isBusy(answer)
                ? Mono.delay(properties.busyRetryDelay()).then(callOnce(code))
                : Mono.just(answer));
    }

    private static boolean isBusy(Code2SessionAnswer answer) {
        return answer instanceof Code2SessionAnswer.Refused refused && refused.errcode() == Code2SessionAnswer.Refused.BUSY;
    }

    private Mono<Code2SessionAnswer> callOnce(String code) {
        return http.get()
                .uri(uri -> uri.path("/sns/jscode2session")
                        .queryParam("appid", "{appid}")
                        .queryParam("secret", "{secret}")
                        .queryParam("js_code", "{code}")
                        .queryParam("grant_type", "authorization_code")
                        .build(properties.appId(), properties.appSecret(), code))
                .exchangeToMono(response -> response.statusCode().is2xxSuccessful()
                        ? response.bodyToMono(String.class).defaultIfEmpty("").map(this::read)
                        : response.releaseBody().thenReturn(
                                new Code2SessionAnswer.Broken("HTTP " + response.statusCode().value())))
                .timeout(properties.timeout())
                .onErrorResume(failure -> Mono.just(unreachable(failure)));
    }

    private static Code2SessionAnswer unreachable(Throwable failure) {
        // Only the class name: WebClient's exception messages quote the URL, and the URL holds the secret.
        return new Code2SessionAnswer.Unreachable(failure.getClass().getSimpleName());
    }

    /** Reads only errcode, errmsg, openid and unionid; session_key stays in the discarded body. */
    private Code2SessionAnswer read(String body) {
        JsonNode reply;
        try {
            reply = json.readTree(body);
        } catch (JacksonException e) {
            return new Code2SessionAnswer.Broken("reply is not JSON");
        }
        if (reply == null || !reply.isObject()) {
            return new Code2SessionAnswer.Broken("reply is not a JSON object");
        }
        JsonNode errcode = reply.get("errcode");
        if (errcode != null && !errcode.isNull() && errcode.asInt(Integer.MIN_VALUE) != 0) {
            if (!errcode.isIntegralNumber()) {
                return new Code2SessionAnswer.Broken("errcode is not a number");
            }
            return new Code2SessionAnswer.Refused(errcode.asInt(), text(reply, "errmsg"));
        }
        String openId = text(reply, "openid");
        if (openId == null || openId.isBlank() || openId.length() > 128) {
            return new Code2SessionAnswer.Broken("success reply without a usable openid");
        }
        return new Code2SessionAnswer.Session(openId, text(reply, "unionid"));
    }

    private static String text(JsonNode reply, String field) {
        JsonNode value = reply.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }
}
