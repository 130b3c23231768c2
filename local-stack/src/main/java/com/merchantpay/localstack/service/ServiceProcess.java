package com.merchantpay.localstack.service;

import com.merchantpay.localstack.process.ChildProcess;
import com.merchantpay.localstack.process.JavaCommand;
import com.merchantpay.localstack.process.StackFolders;
import com.merchantpay.localstack.process.StackMember;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import org.awaitility.core.ConditionTimeoutException;

/**
 * One of our Spring Boot services (or the sandbox) as a child process, run from its executable jar
 * exactly as it would run anywhere else: configuration through environment variables only.
 * Ready when its readiness URL answers 200.
 */
public final class ServiceProcess implements StackMember {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    private final ServiceSpec spec;
    private final Path tmp;
    private final ChildProcess process;
    private final ReadinessProbe readiness;

    public ServiceProcess(StackFolders folders, ServiceSpec spec) {
        this.spec = spec;
        Path home = folders.homeOf(spec.name());
        this.tmp = home.resolve("tmp");
        List<String> jvmOptions = new ArrayList<>(List.of("-Xms64m", "-Xmx" + spec.maxHeapMegabytes() + "m"));
        jvmOptions.addAll(spec.jvmOptions());
        jvmOptions.add("-Djava.io.tmpdir=" + tmp);
        JavaCommand command = new JavaCommand(spec.name(), jvmOptions, List.of("-jar", spec.jar().toString()));
        this.process = new ChildProcess(new ChildProcess.Spec(spec.name(), command.toCommandLine(),
                spec.environment(), home, folders.logs().resolve(spec.name() + ".log"), folders.pidFile(spec.name())));
        this.readiness = new ReadinessProbe(managementUrl().resolve(spec.readinessPath()));
    }

    /** Starts the process and returns once it is ready. */
    public ServiceProcess start() {
        launch();
        awaitReady();
        return this;
    }

    /** Starts the process without waiting: several services can then boot side by side. */
    public ServiceProcess launch() {
        if (!Files.isRegularFile(spec.jar())) {
            throw new IllegalStateException(spec.name() + ": no executable jar at " + spec.jar() + "; build it first");
        }
        try {
            Files.createDirectories(tmp);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        process.start();
        return this;
    }

    /**
     * Waits until the readiness path answers 200; fails early if the process exits. A timeout says
     * what readiness answered last (which component was DOWN), so a start that failed on a busy CI
     * machine is explained by the test report alone.
     */
    public ServiceProcess awaitReady() {
        readiness.forget();
        try {
            process.awaitReady(READY_TIMEOUT, readiness::ready);
        } catch (ConditionTimeoutException notReady) {
            throw new IllegalStateException(spec.name() + " not ready within " + READY_TIMEOUT.toSeconds()
                    + " s; its readiness last answered " + readiness.lastAnswer() + "; log: " + logFile(), notReady);
        }
        return this;
    }

    /** Graceful stop (SIGTERM) and wait; {@link #start()} runs it again on the same port. */
    public void stop() {
        process.stop();
    }

    /** The file that receives the service's stdout and stderr (its log). */
    public Path logFile() {
        return process.outputFile();
    }

    /** kill -9, as a crash would: for chaos runs. */
    public void kill() {
        process.kill();
    }

    /** The public API. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + spec.port());
    }

    /** Where health and metrics answer ({@code /actuator/...}); the API's own port for a service without actuator. */
    public URI managementUrl() {
        return URI.create("http://127.0.0.1:" + spec.managementPort());
    }

    public ServiceSpec spec() {
        return spec;
    }

    @Override
    public String name() {
        return spec.name();
    }

    @Override
    public OptionalLong pid() {
        return process.pid();
    }

    @Override
    public boolean isRunning() {
        return process.isAlive();
    }

    @Override
    public CompletableFuture<Void> onExit() {
        return process.onExit();
    }

    @Override
    public void close() {
        stop();
    }

    /**
     * What to run: the service's name (also its log file and folder), its executable jar, the HTTP
     * port it listens on, the port its readiness path (and actuator) answers on, the path that answers
     * 200 once it can take work, its JVM's heap and further options, and its environment (its whole
     * configuration, secrets included: never log it).
     */
    public record ServiceSpec(String name, Path jar, int port, int managementPort, String readinessPath, int maxHeapMegabytes,
                              List<String> jvmOptions, Map<String, String> environment) {
        public ServiceSpec {
            jvmOptions = List.copyOf(jvmOptions);
            environment = Map.copyOf(environment);
        }

        @Override
        public String toString() {
            return "ServiceSpec[name=" + name + ", jar=" + jar + ", port=" + port + ", managementPort=" + managementPort + ", environment=" + environment.keySet() + "]";
        }
    }
}
