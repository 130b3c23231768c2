package com.merchantpay.e2e.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** docs/load-benchmark.md: the command, the machine, the date, the tables, the chart and what fell short. */
final class BenchmarkReport {

    /** Issue targets, at concurrency 16: event p50 within this of the baseline's p50, p99 within this factor of its p99. */
    static final double P50_MARGIN_MILLIS = 30;
    static final double P99_TARGET = 2.0;
    /** At concurrency 256: throughput at least this share of the baseline's, CPU per checkout (all processes) at most this. */
    static final double THROUGHPUT_TARGET = 0.5;
    static final double CPU_TARGET_MILLIS = 1.5;
    static final String RECONCILER = "reconciliation-service";

    /**
     * A pair of steps at one concurrency, with the machine's load, the services' own hop timers and
     * CPU during each step, and the UseePay queries the reconciler made during the event step (work
     * the baseline never does, reported apart from the checkout).
     */
    record Pair(StepResult baseline, StepResult eventDriven, double loadBaseline, double loadEvent,
                Map<String, ServerTimers.Figures> eventHops, Map<String, ServerTimers.Figures> baselineHops,
                Map<String, Double> eventCpuPerCheckout, Map<String, Double> baselineCpuPerCheckout, long reconcilerQueries) {

        double throughputRatio() {
            return eventDriven.throughput() / baseline.throughput();
        }

        double p99Ratio() {
            return eventDriven.p99() / baseline.p99();
        }

        double p50Excess() {
            return eventDriven.p50() - baseline.p50();
        }

        /** CPU per checkout of every process of the event path except the reconciler (the checkout's own cost). */
        double eventCpuWithoutReconciler() {
            return eventCpuPerCheckout.entrySet().stream().filter(cpu -> !cpu.getKey().equals(RECONCILER))
                    .mapToDouble(Map.Entry::getValue).filter(value -> !Double.isNaN(value)).sum();
        }
    }

    /** Memory readings during the soak: elapsed time → per-process reading. */
    record Soak(Duration length, int concurrency, long checkouts, long failed, List<Map.Entry<Duration, Map<String, ServiceMemory>>> readings) {
    }

    private final String command;
    private final Instant date;
    private final String settings;

    BenchmarkReport(String command, Instant date, String settings) {
        this.command = command;
        this.date = date;
        this.settings = settings;
    }

    String markdown(List<Pair> pairs, NotificationToOutcome.Result notification, Soak soak, String chartFile) {
        StringBuilder md = new StringBuilder("# Benchmarks\n\n");
        md.append("Produced by `").append(command).append("` on ").append(date).append(".  \n");
        md.append("Machine: ").append(Machine.describe()).append(", **shared with other builds** (the 1-minute load average ")
                .append("of each step is in the table: above 2 the two cores were oversubscribed and every figure is a floor; ")
                .append("ratios come from steps run side by side and are the figures to read).  \n");
        md.append(settings).append("\n\n");
        summary(md, pairs);
        md.append("\n![latency vs throughput, log latency axis](").append(chartFile).append(")\n\n");
        hops(md, pairs);
        cpu(md, pairs);
        notification(md, notification);
        soak(md, soak);
        md.append("\n").append(verdict(pairs, notification)).append("\n");
        return md.toString();
    }

    private static void summary(StringBuilder md, List<Pair> pairs) {
        md.append("## Checkout: event-driven path vs direct synchronous baseline\n\n");
        md.append("Closed loop: each virtual user sends its next checkout when the previous one has its pay values. ")
                .append("Event-driven = gateway `POST /api/v1/orders` (user logged in once) → Kafka → order-service → UseePay `pay` → ")
                .append("Kafka → the gateway's view → 201 (or 202 then the status long-poll); baseline = `direct-checkout-baseline` ")
                .append("`POST /checkout` calling UseePay `pay` inside the request. Same sandbox, same 100 ms added UseePay latency, ")
                .append("same driver (WebClient + HdrHistogram), same machine, steps interleaved (baseline, then event-driven, per concurrency).\n\n");
        md.append("| concurrency | baseline req/s | baseline p50 / p95 / p99 ms | event-driven req/s | event-driven p50 / p95 / p99 ms | ")
                .append("p50 excess ms | throughput ratio | p99 ratio | failures (b / e) | load (b / e) |\n")
                .append("|---|---|---|---|---|---|---|---|---|---|\n");
        for (Pair pair : pairs) {
            StepResult b = pair.baseline();
            StepResult e = pair.eventDriven();
            md.append(String.format("| %d | %.1f | %.0f / %.0f / %.0f | %.1f | %.0f / %.0f / %.0f | %+.0f | %.2f | %.2f | %d / %d | %.1f / %.1f |%n",
                    b.concurrency(), b.throughput(), b.p50(), b.p95(), b.p99(), e.throughput(), e.p50(), e.p95(), e.p99(),
                    pair.p50Excess(), pair.throughputRatio(), pair.p99Ratio(), b.failed(), e.failed(),
                    pair.loadBaseline(), pair.loadEvent()));
        }
    }

    /** One row per hop of the checkout, one column per concurrency: mean / p99 over the step, from the services' own timers. */
    private static void hops(StringBuilder md, List<Pair> pairs) {
        md.append("### Where the time goes, hop by hop (mean / p99 ms over each event-driven step, from the services' own timers)\n\n");
        md.append("| hop |");
        pairs.forEach(pair -> md.append(" c ").append(pair.eventDriven().concurrency()).append(" |"));
        md.append("\n|---|").append("---|".repeat(pairs.size())).append("\n");
        for (ServerTimers.Hop hop : ServerTimers.CHECKOUT_HOPS) {
            md.append("| ").append(hop.title()).append(" |");
            pairs.forEach(pair -> md.append(" ").append(figures(pair.eventHops().get(hop.key()))).append(" |"));
            md.append("\n");
        }
        md.append("| gateway's own share: driver mean − publish − wait |");
        pairs.forEach(pair -> md.append(String.format(" %.0f |", meanFromThroughput(pair.eventDriven())
                - mean(pair.eventHops(), ServerTimers.CHECKOUT_HOPS.getFirst()) - mean(pair.eventHops(), ServerTimers.CHECKOUT_HOPS.getLast()))));
        md.append("\n| **event-driven at the driver** (mean / p99) |");
        pairs.forEach(pair -> md.append(String.format(" %.0f / %.0f |", meanFromThroughput(pair.eventDriven()), pair.eventDriven().p99())));
        md.append("\n| ").append(ServerTimers.BASELINE_REQUEST.title()).append(" (server) |");
        pairs.forEach(pair -> md.append(" ").append(figures(pair.baselineHops().get(ServerTimers.BASELINE_REQUEST.key()))).append(" |"));
        md.append("\n| **baseline at the driver** (mean / p99) |");
        pairs.forEach(pair -> md.append(String.format(" %.0f / %.0f |", meanFromThroughput(pair.baseline()), pair.baseline().p99())));
        md.append("\n\np99s are histogram bucket bounds (Micrometer's percentile histogram), so read them to the bucket. ")
                .append("Record ages are measured from the record's timestamp (set by its producer) to the consumer starting it, so they include ")
                .append("the broker's append and the consumer's fetch wait.\n\n");
    }

    private static void cpu(StringBuilder md, List<Pair> pairs) {
        md.append("### CPU per checkout (ms of CPU, user + system, from `/proc/<pid>/stat`, over each measured step incl. its warm-up)\n\n");
        List<String> processes = pairs.getFirst().eventCpuPerCheckout().keySet().stream().toList();
        md.append("| concurrency | path | total | total without the reconciler |");
        processes.forEach(name -> md.append(" ").append(name).append(" |"));
        md.append("\n|---|---|---|---|").append("---|".repeat(processes.size())).append("\n");
        for (Pair pair : pairs) {
            cpuRow(md, pair.eventDriven(), pair.eventCpuPerCheckout(), processes, pair.eventCpuWithoutReconciler());
            cpuRow(md, pair.baseline(), pair.baselineCpuPerCheckout(), processes, Double.NaN);
        }
        md.append("\n**Reconciliation, apart from the checkout:** the reconciler queries UseePay about orders left unpaid ")
                .append("(every benchmark order is), from its grace period on; the baseline has no such work. UseePay queries it made during ")
                .append("each event-driven step: ");
        md.append(String.join(", ", pairs.stream().map(pair -> "c " + pair.eventDriven().concurrency() + ": "
                + pair.reconcilerQueries()).toList()));
        md.append(". Its CPU is the `").append(RECONCILER).append("` column, left out of \"total without the reconciler\".\n\n");
    }

    private static void notification(StringBuilder md, NotificationToOutcome.Result notification) {
        md.append("## Notification → outcome\n\n");
        md.append(String.format("%d orders paid in the sandbox at %.0f/s after the steps; from the sandbox `pay` call (which sends the "
                        + "notification) to the order's outcome readable by a plain `read_committed` consumer of `payments.outcomes.v1` "
                        + "(fetch wait 10 ms): **p50 %.0f ms, p95 %.0f ms, p99 %.0f ms**, max %.0f ms; %d never arrived.%n%n",
                notification.paid(), notification.ratePerSecond(), notification.p50(), notification.p95(), notification.p99(),
                notification.max(), notification.missing()));
        md.append("| hop | mean / p99 ms |\n|---|---|\n");
        notification.hops().forEach((title, figures) -> md.append("| ").append(title).append(" | ").append(figures(figures)).append(" |\n"));
        md.append("\n");
    }

    private static void soak(StringBuilder md, Soak soak) {
        md.append("## Memory during a soak\n\n");
        md.append(String.format("Event-driven path at concurrency %d for %d s (%d checkouts, %d failed). RSS from `/proc/<pid>/status`, heap = "
                        + "`jvm_memory_used_bytes{area=\"heap\"}` summed (the `jvm.memory.used` meter on `/actuator/prometheus`; the sandbox has "
                        + "no actuator). Every service runs with `-Xmx%s`.%n%n",
                soak.concurrency(), soak.length().toSeconds(), soak.checkouts(), soak.failed(), "256m"));
        List<String> names = soak.readings().getFirst().getValue().keySet().stream().toList();
        md.append("| elapsed |");
        names.forEach(name -> md.append(" ").append(name).append(" RSS / heap MB |"));
        md.append("\n|---|").append("---|".repeat(names.size())).append("\n");
        for (Map.Entry<Duration, Map<String, ServiceMemory>> reading : soak.readings()) {
            md.append("| ").append(reading.getKey().toSeconds()).append(" s |");
            names.forEach(name -> {
                ServiceMemory memory = reading.getValue().get(name);
                md.append(" ").append(memory.rssMegabytes()).append(" / ")
                        .append(memory.heapMegabytes() < 0 ? "–" : memory.heapMegabytes()).append(" |");
            });
            md.append("\n");
        }
    }

    /** Which targets were met, said plainly; a missed one names the hop with the largest mean. */
    static String verdict(List<Pair> pairs, NotificationToOutcome.Result notification) {
        StringBuilder text = new StringBuilder("## Targets\n\n");
        for (Pair pair : pairs) {
            int concurrency = pair.baseline().concurrency();
            if (concurrency == 16) {
                text.append(String.format("- c 16: event p50 %+.0f ms vs baseline (target ≤ +%.0f: %s), p99 %.2f × baseline (target ≤ %.0f: %s)%n",
                        pair.p50Excess(), P50_MARGIN_MILLIS, met(pair.p50Excess() <= P50_MARGIN_MILLIS), pair.p99Ratio(), P99_TARGET,
                        met(pair.p99Ratio() <= P99_TARGET)));
            }
            if (concurrency == 256) {
                text.append(String.format("- c 256: throughput %.2f × baseline (target ≥ %.1f: %s); CPU per checkout %.2f ms, %.2f without the reconciler "
                                + "(target ≤ %.1f: %s)%n", pair.throughputRatio(), THROUGHPUT_TARGET, met(pair.throughputRatio() >= THROUGHPUT_TARGET),
                        pair.eventCpuPerCheckout().values().stream().filter(value -> !value.isNaN()).mapToDouble(Double::doubleValue).sum(),
                        pair.eventCpuWithoutReconciler(), CPU_TARGET_MILLIS, met(pair.eventCpuWithoutReconciler() <= CPU_TARGET_MILLIS)));
            }
            text.append(String.format("- c %d: slowest hop after UseePay: %s%n", concurrency, slowestHop(pair)));
        }
        text.append(String.format("- notification → outcome at %.0f/s: p99 %.0f ms%n", notification.ratePerSecond(), notification.p99()));
        return text.toString();
    }

    private static String slowestHop(Pair pair) {
        return ServerTimers.CHECKOUT_HOPS.stream()
                .filter(hop -> !hop.timer().equals("order_psp_calls") && !hop.timer().equals("gateway_checkout_wait"))
                .max(java.util.Comparator.comparingDouble(hop -> nanToZero(mean(pair.eventHops(), hop))))
                .map(hop -> hop.title() + " (" + figures(pair.eventHops().get(hop.key())) + " ms)").orElse("–");
    }

    private static String met(boolean met) {
        return met ? "met" : "**missed**";
    }

    private static double mean(Map<String, ServerTimers.Figures> hops, ServerTimers.Hop hop) {
        ServerTimers.Figures figures = hops.get(hop.key());
        return figures == null ? Double.NaN : figures.meanMillis();
    }

    private static double nanToZero(double value) {
        return Double.isNaN(value) ? 0 : value;
    }

    private static String figures(ServerTimers.Figures figures) {
        return figures == null ? "–" : String.format("%.1f / %.0f", figures.meanMillis(), figures.p99Millis());
    }

    private static void cpuRow(StringBuilder md, StepResult step, Map<String, Double> perCheckout, List<String> processes,
                               double withoutReconciler) {
        double total = perCheckout.values().stream().filter(value -> !value.isNaN()).mapToDouble(Double::doubleValue).sum();
        md.append(String.format("| %d | %s | %.2f | %s |", step.concurrency(), step.path(), total,
                Double.isNaN(withoutReconciler) ? "–" : String.format("%.2f", withoutReconciler)));
        processes.forEach(name -> md.append(String.format(" %.2f |", perCheckout.getOrDefault(name, Double.NaN))));
        md.append("\n");
    }

    private static double meanFromThroughput(StepResult step) {
        // Little's law in a closed loop: mean latency = concurrency / throughput.
        return step.throughput() == 0 ? Double.NaN : step.concurrency() * 1000.0 / step.throughput();
    }

    static Path write(Path folder, String name, String content) {
        try {
            Files.createDirectories(folder);
            return Files.writeString(folder.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
