package com.merchantpay.localstack.process;

import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

/**
 * A child process that the local stack starts, watches and stops: the broker, the registry, and
 * later each service (gateway, order-service, ...), all on top of {@link ChildProcess}.
 */
public interface StackMember extends AutoCloseable {

    String name();

    OptionalLong pid();

    boolean isRunning();

    /** Completes when the current run of the process ends, for whatever reason. */
    CompletableFuture<Void> onExit();

    /** Stops the process and waits for it to exit. */
    @Override
    void close();
}
