package com.merchantpay.localstack.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A start that never became ready must say which component was DOWN: the last answer is kept whole enough to. */
class ReadinessProbeTest {

    private static final String DOWN = "{\"status\":\"DOWN\",\"components\":{\"outcomeProcessor\":{\"status\":\"DOWN\","
            + "\"details\":{\"state\":\"REBALANCING\",\"hasRun\":false}},\"schemas\":{\"status\":\"UP\"}}}";

    private HttpServer service;
    private final AtomicInteger status = new AtomicInteger(503);
    private final AtomicReference<String> body = new AtomicReference<>(DOWN);

    @BeforeEach
    void startService() throws IOException {
        service = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        service.createContext("/actuator/health/readiness", exchange -> {
            byte[] answer = body.get().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status.get(), answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        service.start();
    }

    @AfterEach
    void stopService() {
        service.stop(0);
    }

    @Test
    void notReadyWhileDownAndKeepsTheAnswerThatNamesTheDownComponent() throws Exception {
        ReadinessProbe probe = new ReadinessProbe(readinessUrl());
        assertThat(probe.lastAnswer()).isEqualTo("none yet");

        assertThat(probe.ready()).isFalse();
        assertThat(probe.lastAnswer()).isEqualTo("503 " + DOWN);

        status.set(200);
        body.set("{\"status\":\"UP\"}");
        assertThat(probe.ready()).isTrue();
        assertThat(probe.lastAnswer()).isEqualTo("200 {\"status\":\"UP\"}");
    }

    @Test
    void aLongAnswerIsCutNotDropped() throws Exception {
        body.set("x".repeat(ReadinessProbe.ANSWER_SHOWN + 500));
        ReadinessProbe probe = new ReadinessProbe(readinessUrl());

        assertThat(probe.ready()).isFalse();
        assertThat(probe.lastAnswer()).isEqualTo("503 " + "x".repeat(ReadinessProbe.ANSWER_SHOWN) + "…");
    }

    @Test
    void nobodyListeningIsRememberedAsNoAnswer() throws Exception {
        URI unanswered = readinessUrl();
        service.stop(0);
        ReadinessProbe probe = new ReadinessProbe(unanswered);

        assertThatThrownBy(probe::ready).isInstanceOf(java.net.ConnectException.class);
        assertThat(probe.lastAnswer()).isEqualTo("nothing (ConnectException)");

        probe.forget();
        assertThat(probe.lastAnswer()).isEqualTo("none yet");
    }

    private URI readinessUrl() {
        return URI.create("http://127.0.0.1:" + service.getAddress().getPort() + "/actuator/health/readiness");
    }
}
