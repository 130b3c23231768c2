package com.merchantpay.miniprogram.support;

import com.merchantpay.localstack.LocalStack;
import com.merchantpay.localstack.StackOptions;
import com.merchantpay.localstack.process.StackFolders;
import com.merchantpay.localstack.service.ServiceCatalogue;
import com.merchantpay.localstack.service.ServiceJars;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The whole workflow as separate OS processes (broker, registry, sandbox, the four services), started
 * by the project's {@link LocalStack} exactly as {@code bin/local-stack} and e2e-tests start it, on free
 * ports, with UseePay's clock compressed so an order expires within seconds.
 */
public final class MiniProgramStack implements AutoCloseable {

    /** A UseePay minute lasts 1.2 s. */
    static final double TIME_SCALE = 0.02;
    /** 20 minutes as asked, 24 s as the sandbox runs it: longer than a token's life below. */
    static final Duration ORDER_EXPIRY = Duration.ofMinutes(20);
    /** Short-lived login tokens, so a purchase outlives one and the Mini Program must log in again. */
    static final Duration TOKEN_TTL = Duration.ofSeconds(10);

    private final LocalStack stack;

    private MiniProgramStack(LocalStack stack) {
        this.stack = stack;
    }

    /** Starts a fresh stack under {@code home} with the exec jars the reactor built in this repository. */
    public static MiniProgramStack start(Path repository, Path home) {
        // A fresh broker and sandbox each run; a crashed earlier run's processes are stopped first.
        new StackFolders(home).startAfresh();
        StackOptions options = StackOptions.wholeWorkflow(ServiceJars.inBuildFolders(repository))
                .withPorts(StackOptions.PortChoice.FREE)
                .withTimeScale(TIME_SCALE)
                .withOrderExpiry(ORDER_EXPIRY)
                .withEnvironment(ServiceCatalogue.GATEWAY_SERVICE, "GATEWAY_TOKEN_TTL", TOKEN_TTL.toSeconds() + "s");
        return new MiniProgramStack(LocalStack.start(home, options));
    }

    /** What the Node suite reads (e2e/support/stack-env.ts). */
    public Map<String, String> environmentForTheSuite() {
        return Map.of(
                "GATEWAY_URL", stack.serviceUrl(ServiceCatalogue.GATEWAY_SERVICE).toString(),
                "SANDBOX_URL", stack.serviceUrl(ServiceCatalogue.SANDBOX).toString(),
                "TOKEN_TTL_SECONDS", Long.toString(TOKEN_TTL.toSeconds()),
                "ORDER_EXPIRY_SECONDS", Long.toString(stack.options().settings().scaledOrderExpiry().toSeconds()));
    }

    public Path logDirectory() {
        return stack.logDirectory();
    }

    @Override
    public void close() {
        stack.close();
    }

}
