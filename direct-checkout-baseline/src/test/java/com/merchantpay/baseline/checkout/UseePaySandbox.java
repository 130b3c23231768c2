package com.merchantpay.baseline.checkout;

import com.merchantpay.localstack.process.ChildProcess;
import com.merchantpay.localstack.process.FreePorts;
import com.merchantpay.localstack.process.JavaCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;

/**
 * The team's sandbox playing UseePay, as a child JVM from its runnable jar (copied by the build to
 * {@code target/sandbox}), on a free loopback port; one per test JVM, stopped at JVM exit.
 */
final class UseePaySandbox {

    static final String MERCHANT_NO = "500000000000001";
    static final String MERCHANT_KEY = "baseline-test-merchant-key";

    private final URI baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private UseePaySandbox() {
        Path jar = runnableJar(Path.of(System.getProperty("baseline.test.sandbox-jars", "target/sandbox")).toAbsolutePath());
        int port = FreePorts.next();
        Path home = Path.of(System.getProperty("java.io.tmpdir"), "baseline-sandbox-" + ProcessHandle.current().pid());
        JavaCommand command = new JavaCommand("baseline-test-sandbox",
                List.of("-Xmx192m", "-XX:TieredStopAtLevel=1", "-Djava.io.tmpdir=" + home), List.of("-jar", jar.toString()));
        ChildProcess process = new ChildProcess(new ChildProcess.Spec("baseline-sandbox", command.toCommandLine(), Map.of(
                "SANDBOX_PORT", String.valueOf(port),
                "SANDBOX_ADDRESS", "127.0.0.1",
                "USEEPAY_MERCHANT_NO", MERCHANT_NO,
                "USEEPAY_MERCHANT_KEY", MERCHANT_KEY,
                "WECHAT_APP_ID", "wx0000baselinetest",
                "WECHAT_APP_SECRET", "baseline-test-app-secret"),
                home, home.resolve("sandbox.log"), home.resolve("sandbox.pid")));
        this.baseUrl = URI.create("http://127.0.0.1:" + port);
        Runtime.getRuntime().addShutdownHook(new Thread(process::stop, "baseline-sandbox-shutdown"));
        process.start();
        process.awaitReady(Duration.ofSeconds(120), () -> get("/sandbox/faults").statusCode() == 200);
    }

    /** The copied jar whose manifest starts the sandbox itself (a jar repackaged twice starts only the loader). */
    private static Path runnableJar(Path folder) {
        for (String name : List.of("sandbox-exec.jar", "sandbox.jar")) {
            Path jar = folder.resolve(name);
            if (Files.isRegularFile(jar)) {
                try (JarFile file = new JarFile(jar.toFile())) {
                    if ("com.merchantpay.sandbox.SandboxApplication".equals(
                            file.getManifest().getMainAttributes().getValue("Start-Class"))) {
                        return jar;
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        throw new IllegalStateException("No runnable sandbox jar in " + folder + ": run the build (mvn verify), which copies it");
    }

    private static final class Running {
        static final UseePaySandbox INSTANCE = new UseePaySandbox();
    }

    static UseePaySandbox get() {
        return Running.INSTANCE;
    }

    URI baseUrl() {
        return baseUrl;
    }

    /** The sandbox's per-order counters as JSON text. */
    String counters(String orderNo) throws Exception {
        return get("/sandbox/counters/" + orderNo).body();
    }

    /** The sandbox's view of one order as JSON text (404 body when unknown). */
    HttpResponse<String> order(String orderNo) throws Exception {
        return get("/sandbox/orders/" + orderNo);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(baseUrl.resolve(path)).timeout(Duration.ofSeconds(5)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
