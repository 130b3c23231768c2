package com.merchantpay.order.support;

import com.merchantpay.localstack.process.ChildProcess;
import com.merchantpay.localstack.process.FreePorts;
import com.merchantpay.localstack.process.JavaCommand;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The UseePay sandbox, started once per test JVM as a child JVM of its runnable jar and driven only
 * over HTTP (its UseePay API and its control API), as the service itself sees it. Not in-process:
 * closing a service context under test would dispose the JVM-wide Netty resources the sandbox's
 * server runs on.
 */
public final class SandboxFixture {

    public static final String MERCHANT_NO = "500000000000001";
    public static final String MD5_KEY = "order-service-test-md5-key";
    public static final String WECHAT_APP_ID = "wx0123456789ordertest";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;

    private SandboxFixture(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    private static final class Running {
        static final SandboxFixture INSTANCE = start();
    }

    public static SandboxFixture sandbox() {
        return Running.INSTANCE;
    }

    private static SandboxFixture start() {
        Map<String, String> settings = Map.of(
                "server.address", "127.0.0.1",
                "sandbox.useepay.merchant-no", MERCHANT_NO,
                "sandbox.useepay.merchant-key", MD5_KEY,
                "sandbox.wechat.app-id", WECHAT_APP_ID,
                "sandbox.wechat.secret", "order-service-test-wechat-secret",
                "sandbox.time-scale", "1.0");
        return childProcess(settings);
    }

    /** Runs the sandbox's exec jar (a test dependency) as a child JVM, stopped when the test JVM exits. */
    private static SandboxFixture childProcess(Map<String, String> settings) {
        Path installed = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(Path::of).filter(path -> path.getFileName().toString().matches("sandbox-.*-exec\\.jar"))
                .findFirst().orElseThrow(() -> new IllegalStateException("no sandbox jar on the test classpath"));
        Path home = Path.of(System.getProperty("java.io.tmpdir"), "sandbox-" + ProcessHandle.current().pid());
        // A private copy: a reinstall of the sandbox into the local repository must not pull the jar
        // from under the running child.
        Path jar = home.resolve("sandbox.jar");
        try {
            Files.createDirectories(home);
            Files.copy(installed, jar, StandardCopyOption.REPLACE_EXISTING);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        int port = FreePorts.next();
        List<String> arguments = new ArrayList<>(List.of("-Xmx512m",
                "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"), "-jar", jar.toString(), "--server.port=" + port));
        settings.forEach((key, value) -> arguments.add("--" + key + "=" + value));
        ChildProcess sandbox = new ChildProcess(new ChildProcess.Spec("sandbox",
                new JavaCommand("order-service-test-sandbox", List.of(), arguments).toCommandLine(), Map.of(),
                home, home.resolve("sandbox.log"), home.resolve("sandbox.pid")));
        sandbox.start();
        Runtime.getRuntime().addShutdownHook(new Thread(sandbox::stop, "sandbox-shutdown"));
        SandboxFixture fixture = new SandboxFixture("http://127.0.0.1:" + port);
        sandbox.awaitReady(Duration.ofSeconds(60), () -> fixture.orders() != null);
        return fixture;
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** No orders, no counters, every switch off (and the configured latency, zero). */
    public void reset() {
        send("POST", "/sandbox/reset", null);
    }

    /** Replaces every switch, e.g. {@code {"rules":{"PAY_TIMEOUT":{"share":0,"next":1}},"stall":"PT5S"}}. */
    public void faults(String json) {
        send("PUT", "/sandbox/faults", json);
    }

    /** Valid {@code pay} calls the sandbox received for this number. */
    public long creates(String orderNo) {
        return send("GET", "/sandbox/counters/" + orderNo, null).path("creates").asLong();
    }

    public long queries(String orderNo) {
        return send("GET", "/sandbox/counters/" + orderNo, null).path("queries").asLong();
    }

    /** The orders the sandbox holds for this number: 0 or 1 (UseePay keeps one order per transactionId). */
    public int ordersHeld(String orderNo) {
        return (int) orders().valueStream().filter(order -> orderNo.equals(order.path("transactionId").asString())).count();
    }

    /** UseePay's reference of the order held for this number. */
    public String reference(String orderNo) {
        return send("GET", "/sandbox/orders/" + orderNo, null).path("reference").asString();
    }

    /** The {@code X-Trace-Id} the create call carried, as the sandbox kept it. */
    public String traceId(String orderNo) {
        return send("GET", "/sandbox/orders/" + orderNo, null).path("traceId").asString();
    }

    public JsonNode orders() {
        return send("GET", "/sandbox/orders", null);
    }

    /** Total valid {@code pay} calls since the last reset. */
    public long totalCreates() {
        return send("GET", "/sandbox/counters", null).path("totals").path("creates").asLong();
    }

    private JsonNode send(String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(10));
        request = json == null ? request.method(method, HttpRequest.BodyPublishers.noBody())
                : request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
