package com.merchantpay.notify;

import io.netty.buffer.Unpooled;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * The ingest benchmark's load generator, in a JVM of its own so that the service's figure is the service's:
 * in the test JVM it took a seventh of the CPU the service could have had, and its JIT counted as the service's.
 *
 * <p>{@link #start} launches it on the test JVM's JDK and classpath; {@link #post} sends it one batch of form
 * bodies on its stdin ({@code <path> <count>}, then one body per line) and reads one {@code RESULT} line back
 * from its stdout. It keeps its connections and its compiled code from batch to batch, and exits when its
 * stdin closes (so also when the test JVM dies).
 */
public final class NotificationLoad implements AutoCloseable {

    private static final String RESULT = "RESULT ";

    /** What one batch got: 200s, other answers (or none), how long it took, the latencies of all. */
    record Batch(int ok, int failed, long elapsedNanos, double p50Millis, double p99Millis, double p999Millis,
                 double maxMillis) {

        double perSecond() {
            return ok * 1e9 / elapsedNanos;
        }
    }

    private final Process process;
    private final Writer commands;
    private final BufferedReader results;

    private NotificationLoad(Process process) {
        this.process = process;
        this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        this.results = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** A load generator posting to {@code baseUrl} over at most {@code concurrency} connections. */
    static NotificationLoad start(String baseUrl, int concurrency) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-Xms256m", "-Xmx1g", "-XX:+UseParallelGC",
                "-cp", System.getProperty("java.class.path"), NotificationLoad.class.getName(), baseUrl, Integer.toString(concurrency));
        try {
            return new NotificationLoad(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start());
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the load generator", e);
        }
    }

    /** Posts every body to {@code path} at the generator's concurrency; returns when all are answered. */
    Batch post(String path, List<String> bodies) {
        try {
            commands.write(path + " " + bodies.size() + "\n");
            for (String body : bodies) {
                commands.write(body);
                commands.write('\n');
            }
            commands.flush();
            for (String line = results.readLine(); line != null; line = results.readLine()) {
                if (line.startsWith(RESULT)) {
                    return parse(line.substring(RESULT.length()));
                }
            }
            throw new IllegalStateException("the load generator exited with " + process.waitFor());
        } catch (IOException e) {
            throw new UncheckedIOException("the load generator stopped answering", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        try {
            commands.close();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException | InterruptedException stopping) {
            process.destroyForcibly();
        }
    }

    private static Batch parse(String line) {
        String[] figures = line.split(" ");
        return new Batch(Integer.parseInt(figures[0]), Integer.parseInt(figures[1]), Long.parseLong(figures[2]),
                Double.parseDouble(figures[3]), Double.parseDouble(figures[4]), Double.parseDouble(figures[5]),
                Double.parseDouble(figures[6]));
    }

    /** The child: {@code <base url> <concurrency>}, batches on stdin, one result line per batch on stdout. */
    public static void main(String[] args) throws IOException {
        int concurrency = Integer.parseInt(args[1]);
        HttpClient http = HttpClient.create(ConnectionProvider.create("notifications", concurrency)).baseUrl(args[0]);
        BufferedReader input = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        PrintWriter output = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        for (String header = input.readLine(); header != null; header = input.readLine()) {
            String[] pathAndCount = header.split(" ");
            List<String> bodies = new ArrayList<>();
            for (int i = 0; i < Integer.parseInt(pathAndCount[1]); i++) {
                bodies.add(input.readLine());
            }
            output.println(RESULT + run(http, pathAndCount[0], bodies, concurrency));
        }
        System.exit(0);
    }

    private static String run(HttpClient http, String path, List<String> bodies, int concurrency) {
        Histogram latency = new ConcurrentHistogram(3);
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        long started = System.nanoTime();
        Flux.fromIterable(bodies)
                .flatMap(body -> {
                    long sent = System.nanoTime();
                    return post(http, path, body).doOnNext(status -> {
                        latency.recordValue(System.nanoTime() - sent);
                        (status == 200 ? ok : failed).incrementAndGet();
                    });
                }, concurrency)
                .blockLast(Duration.ofMinutes(10));
        long elapsed = System.nanoTime() - started;
        return String.format(Locale.ROOT, "%d %d %d %.3f %.3f %.3f %.3f", ok.get(), failed.get(), elapsed, millis(latency, 50),
                millis(latency, 99), millis(latency, 99.9), latency.getMaxValue() / 1e6);
    }

    /** One form POST; its status, or -1 when no answer came. */
    static Mono<Integer> post(HttpClient http, String path, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return http.headers(headers -> headers.set("Content-Type", "application/x-www-form-urlencoded"))
                .post().uri(path)
                .send(ByteBufFlux.fromInbound(Mono.just(Unpooled.wrappedBuffer(bytes))))
                .responseSingle((response, content) -> content.then(Mono.just(response.status().code())))
                .onErrorReturn(-1);
    }

    private static double millis(Histogram histogram, double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1e6;
    }

}
