package com.merchantpay.e2e.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** docs/benchmarks.md: the command, the machine, the date, the table, the chart and what fell short. */
final class BenchmarkReport {

    static final double THROUGHPUT_TARGET = 0.7;
    static final double P99_TARGET = 2.0;

    /** A pair of steps at one concurrency, with the machine's load and the services' own timer means during the event step. */
    record Pair(StepResult baseline, StepResult eventDriven, double loadBaseline, double loadEvent,
                Map<String, Double> eventTimersMillis, Map<String, Double> baselineTimersMillis,
                Map<String, Double> eventCpuPerCheckout, Map<String, Double> baselineCpuPerCheckout) {
        double throughputRatio() {
            return eventDriven.throughput() / baseline.throughput();
        }

        double p99Ratio() {
            return eventDriven.p99() / baseline.p99();
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
                .append("of each step is in the table: above 2 the two cores were oversubscribed and every figure is a floor).  \n");
        md.append(settings).append("\n\n");
        md.append("## Checkout: event-driven path vs direct synchronous baseline\n\n");
        md.append("Closed loop: each virtual user sends its next checkout when the previous one has its pay values. ")
                .append("Event-driven = gateway `POST /api/v1/orders` (user logged in once) → Kafka → order-service → UseePay `pay` → ")
                .append("Kafka → the gateway's view → 201 (or 202 then the status long-poll); baseline = `direct-checkout-baseline` ")
                .append("`POST /checkout` calling UseePay `pay` inside the request. Same sandbox, same 100 ms added UseePay latency, ")
                .append("same driver (WebClient + HdrHistogram), same machine, steps interleaved (baseline, then event-driven, per concurrency).\n\n");
        md.append("| concurrency | baseline req/s | baseline p50 / p95 / p99 ms | event-driven req/s | event-driven p50 / p95 / p99 ms | ")
                .append("throughput ratio (target ≥ 0.7) | p99 ratio (target ≤ 2) | failures (b / e) | load (b / e) |\n")
                .append("|---|---|---|---|---|---|---|---|---|\n");
        for (Pair pair : pairs) {
            StepResult b = pair.baseline();
            StepResult e = pair.eventDriven();
            md.append(String.format("| %d | %.1f | %.0f / %.0f / %.0f | %.1f | %.0f / %.0f / %.0f | %.2f %s | %.2f %s | %d / %d | %.1f / %.1f |%n",
                    b.concurrency(), b.throughput(), b.p50(), b.p95(), b.p99(), e.throughput(), e.p50(), e.p95(), e.p99(),
                    pair.throughputRatio(), pair.throughputRatio() >= THROUGHPUT_TARGET ? "✓" : "✗",
                    pair.p99Ratio(), pair.p99Ratio() <= P99_TARGET ? "✓" : "✗", b.failed(), e.failed(),
                    pair.loadBaseline(), pair.loadEvent()));
        }
        md.append("\n![latency vs throughput](").append(chartFile).append(")\n\n");
        md.append("### Where the time goes (means from the services' own Prometheus timers during each step)\n\n")
                .append("| concurrency | gateway verdict wait (`gateway_checkout_wait`) | order-service UseePay call (`order_psp_calls`) | ")
                .append("baseline request (`http_server_requests`) | event-driven mean at the driver | baseline mean at the driver |\n|---|---|---|---|---|---|\n");
        for (Pair pair : pairs) {
            md.append(String.format("| %d | %.0f ms | %.0f ms | %.0f ms | %.0f ms | %.0f ms |%n", pair.eventDriven().concurrency(),
                    pair.eventTimersMillis().getOrDefault("gateway-service gateway_checkout_wait", Double.NaN),
                    pair.eventTimersMillis().getOrDefault("order-service order_psp_calls", Double.NaN),
                    pair.baselineTimersMillis().getOrDefault("direct-checkout-baseline http_server_requests", Double.NaN),
                    meanFromThroughput(pair.eventDriven()), meanFromThroughput(pair.baseline())));
        }
        md.append("\n### CPU per checkout (ms of CPU, user + system, from `/proc/<pid>/stat`, over each measured step incl. its warm-up)\n\n");
        List<String> processes = pairs.getFirst().eventCpuPerCheckout().keySet().stream().toList();
        md.append("| concurrency | path | total |");
        processes.forEach(name -> md.append(" ").append(name).append(" |"));
        md.append("\n|---|---|---|").append("---|".repeat(processes.size())).append("\n");
        for (Pair pair : pairs) {
            cpuRow(md, pair.eventDriven(), pair.eventCpuPerCheckout(), processes);
            cpuRow(md, pair.baseline(), pair.baselineCpuPerCheckout(), processes);
        }
        md.append("\n(`gateway_checkout_wait` is the time from `CheckoutRequested` acknowledged to the verdict in the gateway's view, ")
                .append("so the gateway's own share = driver mean − wait; order-service's share of the wait = wait − UseePay call.)\n\n");
        md.append("## Notification → outcome\n\n");
        md.append(String.format("%d orders paid in the sandbox at a steady rate after the steps; from the sandbox `pay` call (which sends the "
                        + "notification) to the order's outcome readable by a plain `read_committed` consumer of `payments.outcomes.v1`: "
                        + "**p50 %.0f ms, p95 %.0f ms, p99 %.0f ms**, max %.0f ms; %d never arrived.%n%n",
                notification.paid(), notification.p50(), notification.p95(), notification.p99(), notification.max(), notification.missing()));
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
        md.append("\n").append(verdict(pairs)).append("\n");
        return md.toString();
    }

    /** Which targets were met at which concurrency, said plainly. */
    static String verdict(List<Pair> pairs) {
        StringBuilder text = new StringBuilder("## Targets\n\n");
        for (Pair pair : pairs) {
            text.append(String.format("- concurrency %d: throughput %.2f × baseline (%s), p99 %.2f × baseline (%s)%n",
                    pair.baseline().concurrency(), pair.throughputRatio(), pair.throughputRatio() >= THROUGHPUT_TARGET ? "met" : "**missed**",
                    pair.p99Ratio(), pair.p99Ratio() <= P99_TARGET ? "met" : "**missed**"));
        }
        return text.toString();
    }

    private static void cpuRow(StringBuilder md, StepResult step, Map<String, Double> perCheckout, List<String> processes) {
        double total = perCheckout.values().stream().filter(value -> !value.isNaN()).mapToDouble(Double::doubleValue).sum();
        md.append(String.format("| %d | %s | %.1f |", step.concurrency(), step.path(), total));
        processes.forEach(name -> md.append(String.format(" %.1f |", perCheckout.getOrDefault(name, Double.NaN))));
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
