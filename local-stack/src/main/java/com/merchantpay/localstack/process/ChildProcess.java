package com.merchantpay.localstack.process;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One operating-system process that the stack owns: the broker, the registry, and later each service.
 * It records its PID in a file so that a launcher that died without cleaning up can find and stop
 * the leftovers on its next start, and it can be stopped politely, killed, and started again.
 */
public final class ChildProcess {

    private static final Logger log = LoggerFactory.getLogger(ChildProcess.class);
    private static final Duration GRACEFUL_STOP = Duration.ofSeconds(30);

    private final Spec spec;
    private volatile Process process;

    /**
     * What to run. {@code outputFile} receives stdout and stderr (appended, so restarts keep history);
     * {@code pidFile} holds the PID while the process runs.
     */
    public record Spec(String name, List<String> command, Map<String, String> environment,
                       Path workingDirectory, Path outputFile, Path pidFile) {
        public Spec {
            command = List.copyOf(command);
            environment = Map.copyOf(environment);
        }
    }

    public ChildProcess(Spec spec) {
        this.spec = spec;
    }

    public String name() {
        return spec.name();
    }

    public synchronized void start() {
        if (isAlive()) {
            throw new IllegalStateException(spec.name() + " is already running as PID " + process.pid());
        }
        try {
            Files.createDirectories(spec.workingDirectory());
            Files.createDirectories(spec.outputFile().getParent());
            Files.createDirectories(spec.pidFile().getParent());
            ProcessBuilder builder = new ProcessBuilder(spec.command())
                    .directory(spec.workingDirectory().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(spec.outputFile().toFile()));
            builder.environment().putAll(spec.environment());
            process = builder.start();
            Files.writeString(spec.pidFile(), Long.toString(process.pid()));
            log.info("Started {} as PID {}, output in {}", spec.name(), process.pid(), spec.outputFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + spec.name(), e);
        }
    }

    /**
     * Polls {@code probe} until it answers true; gives up early when the process exits, since a dead
     * process will never become ready and its output file says why.
     */
    public void awaitReady(Duration timeout, Callable<Boolean> probe) {
        await(spec.name() + " ready")
                .atMost(timeout)
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(100))
                .ignoreExceptions()
                .failFast(spec.name() + " exited before it was ready; see " + spec.outputFile(), () -> !isAlive())
                .until(probe);
    }

    /** SIGTERM, then waits for the exit; escalates to SIGKILL only if the process ignores it. */
    public synchronized void stop() {
        Process running = process;
        if (running == null) {
            return;
        }
        terminate(running.toHandle(), false);
        forget();
    }

    /** SIGKILL without any chance to clean up, as a crash would; waits until the process is gone. */
    public synchronized void kill() {
        Process running = process;
        if (running == null) {
            return;
        }
        terminate(running.toHandle(), true);
        forget();
    }

    public boolean isAlive() {
        Process running = process;
        return running != null && running.isAlive();
    }

    /** The PID of the current (or last) run, if it was started. */
    public OptionalLong pid() {
        Process running = process;
        return running == null ? OptionalLong.empty() : OptionalLong.of(running.pid());
    }

    public Path outputFile() {
        return spec.outputFile();
    }

    public CompletableFuture<Void> onExit() {
        Process running = process;
        return running == null
                ? CompletableFuture.completedFuture(null)
                : running.onExit().thenApply(exited -> null);
    }

    /** Runs a one-shot command (such as formatting storage) to completion and fails on a non-zero exit. */
    public static void runToCompletion(Spec spec, Duration timeout) {
        ChildProcess child = new ChildProcess(spec);
        child.start();
        try {
            Process running = child.process;
            if (!running.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                child.kill();
                throw new IllegalStateException(spec.name() + " did not finish within " + timeout);
            }
            if (running.exitValue() != 0) {
                throw new IllegalStateException(spec.name() + " failed with exit code " + running.exitValue()
                        + "; see " + spec.outputFile());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            child.kill();
            throw new IllegalStateException("Interrupted while running " + spec.name(), e);
        } finally {
            child.forget();
        }
    }

    /**
     * Stops a process that a previous launcher recorded in {@code pidFile} and did not stop (it crashed
     * or was killed). The PID counts only if that process's command line carries {@code marker}, so a
     * recycled PID that now belongs to something else is left alone.
     */
    public static boolean stopLeftover(Path pidFile, String marker) {
        if (!Files.exists(pidFile)) {
            return false;
        }
        try {
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            Files.delete(pidFile);
            return ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .filter(handle -> handle.info().commandLine().orElse("").contains(marker))
                    .map(handle -> {
                        log.warn("Stopping leftover process {} from a previous run (pid file {})", pid, pidFile);
                        terminate(handle, false);
                        return true;
                    })
                    .orElse(false);
        } catch (IOException | NumberFormatException e) {
            log.warn("Ignoring unreadable pid file {}", pidFile, e);
            return false;
        }
    }

    private static void terminate(ProcessHandle handle, boolean forcibly) {
        handle.descendants().forEach(child -> terminate(child, forcibly));
        boolean signalled = forcibly ? handle.destroyForcibly() : handle.destroy();
        if (!signalled && handle.isAlive()) {
            handle.destroyForcibly();
        }
        try {
            handle.onExit().get(GRACEFUL_STOP.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.warn("PID {} ignored SIGTERM for {}, killing it", handle.pid(), GRACEFUL_STOP);
            handle.destroyForcibly();
            handle.onExit().join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            handle.destroyForcibly();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("Could not wait for PID " + handle.pid(), e);
        }
    }

    private void forget() {
        try {
            Files.deleteIfExists(spec.pidFile());
        } catch (IOException e) {
            log.warn("Could not delete pid file {}", spec.pidFile(), e);
        }
    }
}
