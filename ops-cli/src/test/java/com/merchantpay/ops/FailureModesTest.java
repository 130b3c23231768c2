package com.merchantpay.ops;

import static com.merchantpay.ops.support.OpsRun.raw;
import static org.assertj.core.api.Assertions.assertThat;

import com.merchantpay.ops.support.OpsRun;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What an operator sees when something is wrong: one line, a stable exit code, never a stack trace.
 * Nothing here needs a broker (an unreachable registry behind a live broker: {@link FailureModesIT}).
 */
class FailureModesTest {

    @Test
    void anUnreachableBrokerIsExitCode3WithinTheTimeout() throws IOException {
        String closed = "127.0.0.1:" + freePort();
        long started = System.nanoTime();

        OpsRun run = raw("history", "ORD-1", "--bootstrap-servers", closed, "--registry-url", "http://127.0.0.1:1", "--timeout", "2");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
        assertThat(run.err()).contains("broker " + closed + " did not answer within 2s").doesNotContain("\tat ", "Exception");
        assertThat((System.nanoTime() - started) / 1_000_000_000).isLessThan(15);
    }

    @Test
    void everyCommandReportsAnUnreachableBrokerTheSameWay() throws IOException {
        String closed = "127.0.0.1:" + freePort();
        for (String[] command : List.of(new String[] {"lag"}, new String[] {"dlt", "list"},
                new String[] {"replay", "--source", "a", "--target", "b", "--from", "2026-01-01", "--to", "2026-01-02"})) {
            List<String> args = new ArrayList<>(List.of(command));
            args.addAll(List.of("--bootstrap-servers", closed, "--timeout", "1"));
            OpsRun run = raw(args.toArray(String[]::new));
            assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
            assertThat(run.err()).contains("did not answer").doesNotContain("\tat ");
        }
    }

    @Test
    void anUnresolvableBrokerAddressIsExitCode3() {
        OpsRun run = raw("lag", "--bootstrap-servers", "no-such-host.invalid:9092", "--timeout", "2");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
        assertThat(run.err()).startsWith("error: cannot connect to broker").doesNotContain("\tat ");
    }

    @Test
    void unknownOptionsAndMissingCommandsAreUsageErrors() {
        OpsRun unknownOption = raw("history", "ORD-1", "--colour", "--bootstrap-servers", "127.0.0.1:1",
                "--registry-url", "http://127.0.0.1:1");
        OpsRun noCommand = raw();
        OpsRun unknownCommand = raw("reset-offsets");

        assertThat(unknownOption.exitCode()).isEqualTo(1);
        assertThat(unknownOption.err()).contains("Unknown option: '--colour'");
        assertThat(noCommand.exitCode()).isEqualTo(1);
        assertThat(unknownCommand.exitCode()).isEqualTo(1);
    }

    @Test
    void helpListsTheExitCodes() {
        OpsRun run = raw("--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("history", "replay", "dlt", "lag", "Exit codes", "3", "unreachable");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
