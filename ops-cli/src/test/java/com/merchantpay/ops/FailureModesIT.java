package com.merchantpay.ops;

import static com.merchantpay.ops.support.OpsRun.raw;
import static org.assertj.core.api.Assertions.assertThat;

import com.merchantpay.events.checkout.CheckoutRequested;
import com.merchantpay.ops.support.OpsRun;
import com.merchantpay.ops.support.SampleOrderEvents;
import com.merchantpay.testsupport.SharedInfrastructure;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The failure mode that needs a live broker: the broker answers, the registry does not. */
class FailureModesIT {

    @Test
    void anUnreachableRegistryIsExitCode3() throws IOException {
        SharedInfrastructure.provisionPaymentTopics();
        String orderNo = "ORD-" + UUID.randomUUID();
        try (SampleOrderEvents writer = new SampleOrderEvents()) {
            writer.send("payments.checkouts.v1", orderNo, SampleOrderEvents.filled(new CheckoutRequested(), orderNo, "t"), Instant.now(), "t");
        }
        String registry = "http://127.0.0.1:" + freePort();

        OpsRun run = raw("history", orderNo, "--bootstrap-servers", SharedInfrastructure.bootstrapServers(),
                "--registry-url", registry, "--timeout", "2");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
        assertThat(run.err()).contains("registry " + registry + " did not answer").doesNotContain("\tat ");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
