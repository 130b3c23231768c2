package com.merchantpay.e2e.chaos;

import com.merchantpay.testsupport.SandboxAdmin;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The paid-after-close race, staged for a share of the orders: the sandbox's switch makes every order
 * that expires while it is on end {@code succeed} just after its {@code closed} notification. The
 * switch is global to the sandbox, so it is on for {@link ChaosPlan#paidAfterClose()} out of every
 * {@link ChaosPlan#paidAfterCloseEvery()} while traffic flows: orders closing between windows close
 * as usual, so both paths meet the same crashes. Each toggle writes the notification faults too
 * (one PUT replaces every switch), so they stay on throughout.
 */
final class PaidAfterCloseWindows implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PaidAfterCloseWindows.class);

    private final ChaosPlan plan;
    private final SandboxAdmin sandbox;
    private final ScheduledExecutorService toggles = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("chaos-paid-after-close").daemon().factory());
    private final List<Instant> opened = new CopyOnWriteArrayList<>();

    PaidAfterCloseWindows(ChaosPlan plan, SandboxAdmin sandbox) {
        this.plan = plan;
        this.sandbox = sandbox;
    }

    /** The first window opens one period minus its length after now: no order expires before its 12 s are up anyway. */
    void start() {
        long every = plan.paidAfterCloseEvery().toMillis();
        long open = plan.paidAfterClose().toMillis();
        toggles.scheduleAtFixedRate(() -> toggle(true), every - open, every, TimeUnit.MILLISECONDS);
        toggles.scheduleAtFixedRate(() -> toggle(false), every, every, TimeUnit.MILLISECONDS);
    }

    /** No more windows; the switch is off again (the notification faults stay as the plan has them). */
    void stop() {
        toggles.shutdownNow();
        try {
            toggles.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sandbox.faults(plan.sandboxFaults(false));
    }

    /** When each window opened. */
    List<Instant> opened() {
        return List.copyOf(opened);
    }

    private void toggle(boolean on) {
        try {
            sandbox.faults(plan.sandboxFaults(on));
            if (on) {
                opened.add(Instant.now());
            }
        } catch (RuntimeException e) {
            // The sandbox is never one of the killed processes; a failed toggle only shortens or lengthens a window.
            log.warn("chaos: paid-after-close switch {} failed: {}", on ? "on" : "off", e.toString());
        }
    }

    @Override
    public void close() {
        toggles.shutdownNow();
    }
}
