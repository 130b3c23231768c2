package com.merchantpay.gateway.session;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.merchantpay.gateway.support.GatewayInstance;
import com.merchantpay.gateway.support.TestIdentities;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;

/**
 * When WeChat says our app secret is wrong (40125) nobody can log in: the client gets 502, and the
 * log gets an ALERT naming the cause, never the secret (nor the code or the session_key).
 */
class MisconfiguredWeChatIT {

    private static final String WRONG_SECRET = "wrong-secret-that-must-never-be-logged";
    private static final String TRACE_ID = TestIdentities.hex(16);

    @Test
    void anInvalidAppSecretIs502WithAnAlertAndNoSecretInTheLog() {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        log.start();
        root.addAppender(log);
        String code = GatewayInstance.mintCode(TestIdentities.openId());
        try (GatewayInstance misconfigured = GatewayInstance.start(Map.of("WECHAT_APP_SECRET", WRONG_SECRET))) {
            misconfigured.client(TestIdentities.clientIp()).post().uri("/api/v1/sessions")
                    .header("traceparent", "00-" + TRACE_ID + "-" + TestIdentities.hex(8) + "-01")
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("code", code)).exchange()
                    .expectStatus().isEqualTo(502)
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.code").isEqualTo("WECHAT_BAD_GATEWAY")
                    .jsonPath("$.detail").value(detail -> assertThat(String.valueOf(detail)).doesNotContain(WRONG_SECRET));
        } finally {
            root.detachAppender(log);
        }

        assertThat(log.list).anySatisfy(event -> {
            assertThat(event.getFormattedMessage()).contains("ALERT", "40125");
            assertThat(event.getMarkerList()).extracting(Object::toString).contains("ALERT");
            // The alert names the request it happened on, through the MDC.
            assertThat(event.getMDCPropertyMap()).containsEntry("traceId", TRACE_ID);
        });
        assertThat(log.list).allSatisfy(event -> assertThat(event.getFormattedMessage() + event.getThrowableProxy())
                .doesNotContain(WRONG_SECRET, GatewayInstance.sandbox().secrets().weChatAppSecret(), GatewayInstance.TOKEN_KEY, code, "session_key"));
    }
}
