package com.merchantpay.sandbox.faults;

import com.merchantpay.sandbox.config.SandboxProperties;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.springframework.stereotype.Component;

/**
 * The live switch positions. Settings are replaced as a whole (one volatile write), so a reader
 * sees either the old or the new set, never a mix; only the {@code next} counters change in place.
 */
@Component
public class FaultSwitchboard {

    private final Duration configuredLatency;
    private volatile Armed armed;

    public FaultSwitchboard(SandboxProperties properties) {
        this.configuredLatency = properties.addedLatency();
        this.armed = Armed.of(FaultSettings.none(configuredLatency));
    }

    public void apply(FaultSettings settings) {
        FaultSettings withLatency = settings.addedLatency() != null ? settings
                : settings.withAddedLatency(configuredLatency);
        this.armed = Armed.of(withLatency);
    }

    public void reset() {
        apply(FaultSettings.none(configuredLatency));
    }

    /** The settings as they stand now, {@code next} showing what is left. */
    public FaultSettings current() {
        return armed.snapshot();
    }

    /** Whether {@code fault} fires on this occasion; consumes one {@code next} when it does. */
    public boolean fires(Fault fault) {
        return armed.fires(fault, number -> false);
    }

    /**
     * The same for an occasion about one order: {@code concerns} says whether it is about the order
     * number a rule is limited to ({@link FaultRule#only()}); a rule for another order neither fires
     * nor spends its {@code next}.
     */
    public boolean fires(Fault fault, Predicate<String> concerns) {
        return armed.fires(fault, concerns);
    }

    public FaultSettings settings() {
        return armed.settings();
    }

    private record Armed(FaultSettings settings, Map<Fault, AtomicInteger> remaining) {

        static Armed of(FaultSettings settings) {
            Map<Fault, AtomicInteger> remaining = new EnumMap<>(Fault.class);
            settings.rules().forEach((fault, rule) -> remaining.put(fault, new AtomicInteger(rule.next())));
            return new Armed(settings, remaining);
        }

        boolean fires(Fault fault, Predicate<String> concerns) {
            FaultRule rule = settings.rules().get(fault);
            if (rule == null || rule.only() != null && !concerns.test(rule.only())) {
                return false;
            }
            AtomicInteger left = remaining.get(fault);
            if (left.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                return true;
            }
            return rule.share() > 0 && ThreadLocalRandom.current().nextDouble() < rule.share();
        }

        FaultSettings snapshot() {
            Map<Fault, FaultRule> rules = new EnumMap<>(Fault.class);
            settings.rules().forEach((fault, rule) ->
                    rules.put(fault, new FaultRule(rule.share(), remaining.get(fault).get(), rule.only())));
            return settings.withRules(rules);
        }
    }
}
