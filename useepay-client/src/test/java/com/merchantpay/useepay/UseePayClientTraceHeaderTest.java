package com.merchantpay.useepay;

import static org.assertj.core.api.Assertions.assertThat;

import com.merchantpay.useepay.pay.PayResult;
import com.merchantpay.useepay.query.QueryResult;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.util.context.Context;

/**
 * The {@code X-Trace-Id} header on the wire, against a bare HTTP server that records each request's
 * header and answers 500 (so every call ends {@code Unknown}; the replies are the sandbox tests' part).
 */
class UseePayClientTraceHeaderTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final List<Optional<String>> traceHeaders = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private UseePayClient client;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                traceHeaders.add(Optional.ofNullable(exchange.getRequestHeaders().getFirst(UseePayClient.TRACE_ID_HEADER)));
                exchange.sendResponseHeaders(500, -1);
            }
        });
        server.start();
        client = UseePayClient.create(new UseePaySettings(
                URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api"), "500000000000001",
                "www.example.com", URI.create("https://merchant.example.com/notify"), Duration.ofSeconds(1),
                Duration.ofSeconds(2), 2, 2), ReplySigner.MD5);
    }

    @AfterEach
    void stop() {
        client.close();
        server.stop(0);
    }

    private static Context trace(String traceId) {
        return Context.of(UseePayClient.TRACE_ID_CONTEXT_KEY, traceId);
    }

    @Test
    void aTraceIdInTheContextIsSentAsTheHeaderOnPayAndQuery() {
        assertThat(client.pay(PayReplyReaderTest.SENT).contextWrite(trace("trace-pay-1")).block(WAIT))
                .isInstanceOf(PayResult.Unknown.class);
        assertThat(client.queryByReference("UP1").contextWrite(trace("trace-query-1")).block(WAIT))
                .isInstanceOf(QueryResult.Unknown.class);

        assertThat(traceHeaders).containsExactly(Optional.of("trace-pay-1"), Optional.of("trace-query-1"));
    }

    @Test
    void withoutATraceIdNoHeaderIsSent() {
        client.queryByOrderNumber("ORDER1").block(WAIT);

        assertThat(traceHeaders).containsExactly(Optional.empty());
    }

    /** An unknown pay is followed by a query: both requests carry the caller's trace id. */
    @Test
    void payOrRecoverSendsTheTraceIdOnItsFollowUpQueryToo() {
        assertThat(client.payOrRecover(PayReplyReaderTest.SENT).contextWrite(trace("trace-recover-1")).block(WAIT))
                .isInstanceOf(PayResult.Unknown.class);

        assertThat(traceHeaders).containsExactly(Optional.of("trace-recover-1"), Optional.of("trace-recover-1"));
    }
}
