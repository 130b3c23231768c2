package com.merchantpay.useepay;

import static org.assertj.core.api.Assertions.assertThat;

import com.merchantpay.useepay.pay.PayResult;
import com.merchantpay.useepay.query.QueryResult;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

/**
 * Transport failures, with no UseePay at all at the other end: a closed port and a socket that
 * accepts connections but never answers. (Replies from a real HTTP peer are the sandbox module's tests.)
 */
class UseePayClientTransportTest {

    private static UseePaySettings settingsFor(int port, int maxConnections, int maxPending) {
        return new UseePaySettings(URI.create("http://127.0.0.1:" + port), "500000000000001", "www.example.com",
                URI.create("https://merchant.example.com/notify"), Duration.ofMillis(300), Duration.ofMillis(300),
                maxConnections, maxPending);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void aRefusedConnectionIsAnUnknownOutcome() throws IOException {
        try (UseePayClient client = UseePayClient.create(settingsFor(closedPort(), 2, 2), ReplySigner.MD5)) {
            assertThat(client.pay(PayReplyReaderTest.SENT).block(Duration.ofSeconds(5))).isInstanceOf(PayResult.Unknown.class);
            assertThat(client.queryByOrderNumber("ORDER1").block(Duration.ofSeconds(5))).isInstanceOf(QueryResult.Unknown.class);
        }
    }

    /** The OS completes the handshake from the listen backlog; nothing ever reads or answers. */
    @Test
    void aPeerThatNeverAnswersIsAnUnknownOutcomeWithinTheDeadline() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             UseePayClient client = UseePayClient.create(settingsFor(silent.getLocalPort(), 2, 2), ReplySigner.MD5)) {
            long started = System.nanoTime();
            assertThat(client.queryByReference("UP1").block(Duration.ofSeconds(5))).isInstanceOf(QueryResult.Unknown.class);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        }
    }

    @Test
    void callsBeyondThePoolAndItsQueueFailFastAsUnknown() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             UseePayClient client = UseePayClient.create(settingsFor(silent.getLocalPort(), 1, 1), ReplySigner.MD5)) {
            List<PayResult> results = Flux.range(0, 4)
                    .flatMap(i -> client.pay(PayReplyReaderTest.SENT), 4)
                    .collectList()
                    .block(Duration.ofSeconds(5));
            assertThat(results).hasSize(4).allMatch(PayResult.Unknown.class::isInstance);
            assertThat(results).map(result -> ((PayResult.Unknown) result).cause())
                    .anyMatch(cause -> cause.contains("PoolAcquirePendingLimitException"));
        }
    }

    @Test
    void theClientNeverPrintsAKey() throws IOException {
        try (UseePayClient client = UseePayClient.create(settingsFor(closedPort(), 1, 1), ReplySigner.MD5)) {
            assertThat(client.toString()).doesNotContain("TESTKEY123").contains("500000000000001");
        }
    }
}
