package com.merchantpay.reconciliation.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The real UseePay sandbox, run from its jar as a child process on a free port, once per test JVM
 * (its own configuration files stay inside it). Tests reset what they need through its admin API.
 */
public final class SandboxProcess {

    public static final String MERCHANT_NO = "500000000000001";
    public static final String MERCHANT_KEY = "reconciliation-test-merchant-key";
    /** One UseePay minute lasts 600 ms in the sandbox and in the reconciler under test. */
    public static final double TIME_SCALE = 0.01;

    private static final String SANDBOX_MAIN = "com.merchantpay.sandbox.SandboxApplication";

    private static SandboxProcess running;

    private final Process process;
    private final String baseUrl;

    private SandboxProcess(Process process, String baseUrl) {
        this.process = process;
        this.baseUrl = baseUrl;
    }

    public static synchronized SandboxProcess shared() {
        if (running == null) {
            running = start();
            Runtime.getRuntime().addShutdownHook(new Thread(running::stop, "sandbox-stop"));
        }
        return running;
    }

    public String baseUrl() {
        return baseUrl;
    }

    private static SandboxProcess start() {
        Path jars = Path.of(System.getProperty("sandbox.jars", "target/sandbox")).toAbsolutePath();
        Path jar = runnableJar(jars);
        Path home = jars.resolve("run-" + ProcessHandle.current().pid());
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-Djava.io.tmpdir=" + home,
                "-jar", jar.toString(),
                "--server.port=" + port, "--server.address=127.0.0.1",
                "--sandbox.time-scale=" + TIME_SCALE,
                "--sandbox.useepay.merchant-no=" + MERCHANT_NO,
                "--sandbox.useepay.merchant-key=" + MERCHANT_KEY,
                "--sandbox.wechat.app-id=wx00000000reconcile",
                "--sandbox.wechat.secret=reconciliation-test-wechat-secret",
                "--sandbox.notifications.response-timeout=1s",
                "--logging.level.root=WARN"));
        try {
            Files.createDirectories(home);
            Process process = new ProcessBuilder(command).directory(home.toFile())
                    .redirectErrorStream(true).redirectOutput(home.resolve("sandbox.log").toFile()).start();
            SandboxProcess sandbox = new SandboxProcess(process, "http://127.0.0.1:" + port);
            await("sandbox up").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                    .until(() -> sandbox.isUp() || !process.isAlive());
            if (!process.isAlive()) {
                throw new IllegalStateException("sandbox exited at start; see " + home.resolve("sandbox.log"));
            }
            return sandbox;
        } catch (IOException e) {
            throw new IllegalStateException("could not start the sandbox from " + jar, e);
        }
    }

    /** The copied sandbox jar whose manifest starts the sandbox application. */
    private static Path runnableJar(Path folder) {
        for (String name : List.of("sandbox-exec.jar", "sandbox.jar")) {
            Path jar = folder.resolve(name);
            try (JarFile file = new JarFile(jar.toFile())) {
                Manifest manifest = file.getManifest();
                if (manifest != null && SANDBOX_MAIN.equals(manifest.getMainAttributes().getValue("Start-Class"))) {
                    return jar;
                }
            } catch (IOException e) {
                // not there or not a jar: try the next one
            }
        }
        throw new IllegalStateException("no runnable sandbox jar in " + folder + " (rebuild the sandbox module)");
    }

    private boolean isUp() {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<Void> reply = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/sandbox/faults")).GET()
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
            return reply.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void stop() {
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
