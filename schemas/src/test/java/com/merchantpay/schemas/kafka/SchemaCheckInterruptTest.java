package com.merchantpay.schemas.kafka;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.merchantpay.schemas.registry.RegisteredSchemas;
import com.merchantpay.schemas.topics.PaymentTopics;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A service stopped while it waits for the registry at start (SIGTERM during a slow start) stops
 * waiting: every call fails at once on an interrupted thread, and retrying them until the deadline
 * spun a CPU and wrote tens of thousands of identical warnings.
 */
class SchemaCheckInterruptTest {

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    @Test
    void anInterruptedStartGivesUpInsteadOfRetryingUntilTheDeadline() throws IOException {
        SchemaCheck check = new SchemaCheck(RegisteredSchemas.of("http://127.0.0.1:" + closedPort()),
                TopicsInUse.of(PaymentTopics.ORDERS), Duration.ofSeconds(2));

        Thread.currentThread().interrupt();

        assertThatThrownBy(check::start).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("interrupted while waiting for the schema registry");
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        }
    }
}
