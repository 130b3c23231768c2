package com.merchantpay.schemas.kafka;

import org.springframework.context.SmartLifecycle;

/**
 * A check a service passes before any consumer or producer starts (lifecycle phase first of all):
 * a failure stops the start with a message saying what the deployment must fix.
 */
abstract class StartupCheck implements SmartLifecycle {

    private volatile boolean passed;

    /** Returns when the check holds; throws {@link IllegalStateException} saying why it does not. */
    protected abstract void check();

    @Override
    public final void start() {
        check();
        passed = true;
    }

    @Override
    public final void stop() {
        passed = false;
    }

    @Override
    public final boolean isRunning() {
        return passed;
    }

    @Override
    public final int getPhase() {
        return Integer.MIN_VALUE;
    }
}
