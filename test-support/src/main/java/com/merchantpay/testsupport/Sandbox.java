package com.merchantpay.testsupport;

import com.merchantpay.localstack.LocalStack;
import com.merchantpay.localstack.StackOptions;
import com.merchantpay.localstack.process.ChildProcess;
import com.merchantpay.localstack.process.JavaCommand;
import com.merchantpay.localstack.service.DevSecrets;
import com.merchantpay.localstack.service.ServiceCatalogue;
import com.merchantpay.localstack.service.ServiceDefinition;
import com.merchantpay.localstack.service.ServiceDefinition.ServiceContext;
import com.merchantpay.localstack.service.ServiceJars;
import com.merchantpay.localstack.service.ServiceSettings;
import com.merchantpay.localstack.service.StackAddresses;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The sandbox (UseePay and WeChat stand-ins) as module tests use it: one child JVM per test JVM, run
 * from the sandbox module's exec jar exactly as {@code bin/local-stack} runs it, with the environment
 * of its {@link ServiceCatalogue} entry and a fresh set of {@link DevSecrets}; stopped by a shutdown
 * hook. Tests reach it only over HTTP: {@link #admin()} and its UseePay/WeChat APIs at {@link #baseUrl()}.
 *
 * <p>It binds port 0 and tells the launcher which port it got through Spring Boot's port file
 * ({@code WebServerPortFileWriter}, added as a source and pointed at by {@code PORTFILE}), so no port
 * is picked by opening and closing a socket and nothing can take it in between.
 *
 * <p>Every test class of a JVM must ask for the same {@link Options}: give a module's tests one
 * accessor that holds them.
 */
public final class Sandbox {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    private static final String PORT_FILE_WRITER = "org.springframework.boot.web.server.context.WebServerPortFileWriter";

    private static Sandbox running;

    private final Options options;
    private final DevSecrets secrets;
    private final URI baseUrl;
    private final Path logFile;
    private final SandboxAdmin admin;

    private Sandbox(Options options, DevSecrets secrets, URI baseUrl, Path logFile) {
        this.options = options;
        this.secrets = secrets;
        this.baseUrl = baseUrl;
        this.logFile = logFile;
        this.admin = new SandboxAdmin(baseUrl);
    }

    /**
     * How the module's tests want their sandbox.
     *
     * @param timeScale     multiplies every UseePay/WeChat duration (1.0 real time, 0.01: a minute lasts 600 ms)
     * @param heapMegabytes the child's -Xmx (it keeps every order in memory)
     * @param environment   variables added to (or replacing) the catalogue's, e.g. {@code SANDBOX_NOTIFY_TIMEOUT}
     */
    public record Options(double timeScale, int heapMegabytes, Map<String, String> environment) {

        public Options {
            environment = Map.copyOf(environment);
        }

        /** Real time, the catalogue's heap, the catalogue's environment. */
        public static Options realTime() {
            return new Options(1.0, ServiceCatalogue.named(ServiceCatalogue.SANDBOX).maxHeapMegabytes(), Map.of());
        }

        public Options withTimeScale(double scale) {
            return new Options(scale, heapMegabytes, environment);
        }

        public Options withHeapMegabytes(int megabytes) {
            return new Options(timeScale, megabytes, environment);
        }

        public Options with(String variable, String value) {
            Map<String, String> more = new HashMap<>(environment);
            more.put(variable, value);
            return new Options(timeScale, heapMegabytes, more);
        }
    }

    /**
     * The sandbox of this test JVM, started with {@code options} on first use. Fails when an earlier
     * caller started it with other options: one JVM, one sandbox.
     */
    public static synchronized Sandbox shared(Options options) {
        if (running == null) {
            running = start(options);
        } else if (!running.options.equals(options)) {
            throw new IllegalStateException("This test JVM's sandbox runs with " + running.options + "; asked for " + options
                    + ". Give the module's tests one accessor for their sandbox options.");
        }
        return running;
    }

    /** {@code http://127.0.0.1:<port>}: UseePay's {@code /api}, WeChat's {@code /sns/jscode2session}, the admin API. */
    public URI baseUrl() {
        return baseUrl;
    }

    /** The merchant number and MD5 key, the Mini Program's appid and secret this sandbox was given. */
    public DevSecrets secrets() {
        return secrets;
    }

    public SandboxAdmin admin() {
        return admin;
    }

    public Options options() {
        return options;
    }

    /** Its stdout and stderr, for a failing test's investigator. */
    public Path logFile() {
        return logFile;
    }

    private static Sandbox start(Options options) {
        ServiceDefinition definition = ServiceCatalogue.named(ServiceCatalogue.SANDBOX);
        Path home = Path.of(System.getProperty("java.io.tmpdir"), "sandbox-" + ProcessHandle.current().pid()).toAbsolutePath();
        Path portFile = home.resolve("sandbox.port");
        try {
            Files.createDirectories(home.resolve("tmp"));
            Files.deleteIfExists(portFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        DevSecrets secrets = DevSecrets.generate();
        ServiceSettings settings = ServiceSettings.REAL_TIME.withTimeScale(options.timeScale());
        // The sandbox's environment names only its own address; the broker and registry are not its business.
        StackAddresses addresses = new StackAddresses("unused", "unused", Map.of(ServiceCatalogue.SANDBOX, 0));
        Map<String, String> environment = new HashMap<>(
                definition.environment().apply(new ServiceContext(addresses, secrets, settings, home)));
        environment.put("PORTFILE", portFile.toString());
        environment.put("SPRING_MAIN_SOURCES", PORT_FILE_WRITER);
        environment.putAll(options.environment());

        List<String> jvmOptions = new ArrayList<>(List.of("-Xms64m", "-Xmx" + options.heapMegabytes() + "m"));
        jvmOptions.addAll(StackOptions.FAST_START);
        jvmOptions.add("-Djava.io.tmpdir=" + home.resolve("tmp"));
        Path jar = ServiceJars.inBuildFolders(repository()).jarOf(ServiceCatalogue.SANDBOX);
        JavaCommand command = new JavaCommand("test-sandbox", jvmOptions, List.of("-jar", jar.toString()));
        Path log = home.resolve("sandbox.log");
        ChildProcess child = new ChildProcess(new ChildProcess.Spec(ServiceCatalogue.SANDBOX, command.toCommandLine(),
                environment, home, log, home.resolve("sandbox.pid")));
        child.start();
        Runtime.getRuntime().addShutdownHook(new Thread(child::stop, "sandbox-shutdown"));

        child.awaitReady(READY_TIMEOUT, () -> port(portFile) > 0);
        URI baseUrl;
        try {
            baseUrl = URI.create("http://127.0.0.1:" + port(portFile));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest probe = HttpRequest.newBuilder(baseUrl.resolve(definition.readinessPath())).timeout(Duration.ofSeconds(2)).build();
        child.awaitReady(READY_TIMEOUT, () -> http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
        return new Sandbox(options, secrets, baseUrl, log);
    }

    /** The port Spring Boot wrote once the server listened; 0 while there is none (or it is half written). */
    private static int port(Path portFile) throws IOException {
        if (!Files.isRegularFile(portFile)) {
            return 0;
        }
        String text = Files.readString(portFile).strip();
        return text.matches("\\d+") ? Integer.parseInt(text) : 0;
    }

    /** The build sets {@code local-stack.repository} for every test JVM; an IDE run starts in the module's folder. */
    private static Path repository() {
        return Path.of(System.getProperty(LocalStack.REPOSITORY_PROPERTY, "..")).toAbsolutePath().normalize();
    }

    @Override
    public String toString() {
        return "Sandbox[" + baseUrl + ", " + options + ", log " + logFile + "]";
    }
}
