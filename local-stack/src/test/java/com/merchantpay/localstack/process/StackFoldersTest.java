package com.merchantpay.localstack.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A launcher that died leaves PID files behind; the next one stops exactly those processes. */
class StackFoldersTest {

    private final StackFolders folders = new StackFolders(
            Path.of(System.getProperty("java.io.tmpdir"), "stack-folders-" + UUID.randomUUID()));

    @Test
    void stopsProcessesThatAPreviousLauncherLeftRunning() throws IOException {
        ChildProcess orphan = idleJavaProcess("orphan");
        orphan.start();
        long pid = orphan.pid().orElseThrow();

        int stopped = new StackFolders(folders.root()).stopLeftovers();

        assertThat(stopped).isEqualTo(1);
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
        assertThat(folders.pidFile("orphan")).doesNotExist();
    }

    @Test
    void startingAfreshStopsTheLeftoversAndLeavesNoFileOfTheOldRun() throws IOException {
        ChildProcess orphan = idleJavaProcess("orphan");
        orphan.start();
        long pid = orphan.pid().orElseThrow();
        Files.createDirectories(folders.homeOf("kafka-broker").resolve("data"));
        Files.writeString(folders.homeOf("kafka-broker").resolve("data").resolve("00000.log"), "old records");

        folders.startAfresh();

        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
        assertThat(folders.root()).doesNotExist();
        folders.startAfresh(); // nothing there: nothing to do
    }

    @Test
    void leavesAloneAProcessWhosePidWasRecycled() throws IOException {
        ChildProcess unrelated = idleJavaProcess("unrelated");
        unrelated.start();
        try {
            // The PID file claims the process is the broker, but its command line says otherwise.
            Files.move(folders.pidFile("unrelated"), folders.pidFile("kafka-broker"));

            assertThat(folders.stopLeftovers()).isZero();
            assertThat(unrelated.isAlive()).isTrue();
        } finally {
            unrelated.stop();
        }
        // stop() returns once the OS process has exited; the JDK's own Process object learns it from its
        // reaper thread a moment later, so its isAlive() is awaited rather than read once.
        await().atMost(Duration.ofSeconds(10)).until(() -> !unrelated.isAlive());
    }

    /** A JVM that waits forever, launched from a single source file, standing in for a stack member. */
    private ChildProcess idleJavaProcess(String member) throws IOException {
        Path source = Files.createDirectories(folders.homeOf(member)).resolve("Idle.java");
        Files.writeString(source, """
                public class Idle {
                    public static void main(String[] args) throws Exception {
                        new java.util.concurrent.CountDownLatch(1).await();
                    }
                }
                """);
        JavaCommand command = new JavaCommand(member, List.of("-Xmx32m"), List.of(source.toString()));
        return new ChildProcess(new ChildProcess.Spec(member, command.toCommandLine(), Map.of(),
                folders.homeOf(member), folders.logs().resolve(member + ".out"), folders.pidFile(member)));
    }
}
