package com.merchantpay.notify.support;

import com.merchantpay.localstack.process.ChildProcess;
import com.merchantpay.localstack.process.FreePorts;
import com.merchantpay.localstack.process.JavaCommand;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The UseePay sandbox as a child JVM of its Boot jar (the sandbox module installs the fat jar as its
 * main artifact, so its classes cannot be loaded in-process), one per test JVM, driven only over its
 * HTTP APIs. A sandbox minute lasts 6 s ({@link #TIME_SCALE}), so UseePay's first retry comes 6 s
 * after a refused notification.
 */
public final class SandboxProcess {

    public static final String MERCHANT_NO = "500000000000001";
    public static final String MD5_KEY = "notify-service-test-md5-key";
    public static final double TIME_SCALE = 0.1;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;

    private SandboxProcess(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    private static final class Running {
        static final SandboxProcess INSTANCE = start();
    }

    public static SandboxProcess sandbox() {
        return Running.INSTANCE;
    }

    private static SandboxProcess start() {
        Path jar = runnableJar();
        int port = FreePorts.next();
        List<String> arguments = new ArrayList<>(List.of("-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"), "-jar", jar.toString(),
                "--server.port=" + port, "--server.address=127.0.0.1",
                "--sandbox.useepay.merchant-no=" + MERCHANT_NO, "--sandbox.useepay.merchant-key=" + MD5_KEY,
                "--sandbox.wechat.app-id=wx0123456789notifytest", "--sandbox.wechat.secret=notify-test-wechat-secret",
                "--sandbox.time-scale=" + TIME_SCALE));
        Path home = Path.of(System.getProperty("java.io.tmpdir"), "sandbox-" + ProcessHandle.current().pid());
        ChildProcess child = new ChildProcess(new ChildProcess.Spec("sandbox",
                new JavaCommand("notify-service-test-sandbox", List.of(), arguments).toCommandLine(), Map.of(),
                home, home.resolve("sandbox.log"), home.resolve("sandbox.pid")));
        child.start();
        Runtime.getRuntime().addShutdownHook(new Thread(child::stop, "sandbox-shutdown"));
        SandboxProcess sandbox = new SandboxProcess("http://127.0.0.1:" + port);
        child.awaitReady(Duration.ofSeconds(90), () -> sandbox.send("GET", "/sandbox/faults", null) != null);
        return sandbox;
    }

    /**
     * The sandbox's Boot jar: the {@code exec} one on the test classpath, or the jar beside it. Chosen
     * by its manifest, because an incremental sandbox build can repackage an already repackaged jar,
     * whose launcher then starts itself instead of the sandbox.
     */
    private static Path runnableJar() {
        List<Path> candidates = new ArrayList<>();
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator)).map(Path::of)
                .filter(path -> path.getFileName().toString().matches("sandbox-.*\\.jar"))
                .forEach(jar -> {
                    candidates.add(jar);
                    try (var siblings = java.nio.file.Files.list(jar.getParent())) {
                        siblings.filter(path -> path.getFileName().toString().matches("sandbox-.*\\.jar")).forEach(candidates::add);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
        return candidates.stream().filter(SandboxProcess::startsTheSandbox).findFirst()
                .orElseThrow(() -> new IllegalStateException("no runnable sandbox jar among " + candidates));
    }

    private static boolean startsTheSandbox(Path jar) {
        try (var file = new java.util.jar.JarFile(jar.toFile())) {
            return file.getManifest() != null && "com.merchantpay.sandbox.SandboxApplication"
                    .equals(file.getManifest().getMainAttributes().getValue("Start-Class"));
        } catch (java.io.IOException e) {
            return false;
        }
    }

    public URI baseUrl() {
        return URI.create(baseUrl);
    }

    public void reset() {
        send("POST", "/sandbox/reset", null);
    }

    /** Replaces every switch, e.g. {@code {"rules":{"NOTIFY_DUPLICATE":{"next":1}}}}. */
    public void faults(String json) {
        send("PUT", "/sandbox/faults", json);
    }

    public void pay(String orderNo) {
        send("POST", "/sandbox/orders/" + orderNo + "/pay", null);
    }

    public void fail(String orderNo) {
        send("POST", "/sandbox/orders/" + orderNo + "/fail", null);
    }

    public void expire(String orderNo) {
        send("POST", "/sandbox/orders/" + orderNo + "/expire", null);
    }

    public JsonNode counters(String orderNo) {
        return send("GET", "/sandbox/counters/" + orderNo, null);
    }

    public long acknowledged(String orderNo) {
        return counters(orderNo).path("notificationsAcknowledged").asLong();
    }

    public long sent(String orderNo) {
        return counters(orderNo).path("notificationsSent").asLong();
    }

    public long forgedSent(String orderNo) {
        return counters(orderNo).path("forgedNotificationsSent").asLong();
    }

    /** Any other call to the sandbox, e.g. {@code POST /api} with a form body. */
    public HttpResponse<String> post(String path, String contentType, String body) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException("sandbox call failed: " + path, e);
        }
    }

    private JsonNode send(String method, String path, String json) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(10));
            request.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
            if (json != null) {
                request.header("Content-Type", "application/json");
            }
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(method + " " + path + " → " + response.statusCode() + " " + response.body());
            }
            return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (java.io.IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
