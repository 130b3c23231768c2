package com.merchantpay.miniprogram.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An npm script of the Mini Program run as a child process, its output streamed line by line to
 * this JVM's output as it comes (and kept, for the failure message). A run past its time limit is
 * stopped, children first.
 */
public final class NodeSuite {

    public record Result(int exitCode, List<String> output) {
    }

    private final Path directory;
    private final String npm;

    public NodeSuite(Path directory, String npm) {
        this.directory = directory;
        this.npm = npm;
    }

    public Result run(String script, Map<String, String> environment, Duration limit) {
        ProcessBuilder builder = new ProcessBuilder(npm, "run", script).directory(directory.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        builder.environment().put("CI", "true"); // jest: no watch mode, no interactive output
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + npm + " run " + script + " in " + directory, e);
        }
        List<String> output = new ArrayList<>();
        Thread pump = Thread.ofPlatform().name("npm-" + script + "-output").start(() -> copyLines(process, output));
        try {
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroy);
                process.destroy();
                process.waitFor(10, TimeUnit.SECONDS);
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor();
                pump.join(Duration.ofSeconds(5));
                throw new AssertionError("npm run " + script + " ran past " + limit + "; output:\n" + String.join("\n", output));
            }
            pump.join(Duration.ofSeconds(10));
            return new Result(process.exitValue(), List.copyOf(output));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new IllegalStateException("Interrupted while npm run " + script + " ran", e);
        }
    }

    private static void copyLines(Process process, List<String> output) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                System.out.println("[miniprogram e2e] " + line);
                synchronized (output) {
                    output.add(line);
                }
            }
        } catch (IOException e) {
            System.out.println("[miniprogram e2e] output lost: " + e);
        }
    }
}
