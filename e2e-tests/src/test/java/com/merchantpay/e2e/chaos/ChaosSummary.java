package com.merchantpay.e2e.chaos;

import com.merchantpay.schemas.topics.PaymentTopics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/** The run's figures as text: printed to the test output and kept as markdown. */
final class ChaosSummary {

    static final String REPORT_DIR_PROPERTY = "e2e.report.dir";

    private final ChaosRun.Result run;
    private final String command;

    ChaosSummary(ChaosRun.Result run, String command) {
        this.run = run;
        this.command = command;
    }

    /** The counts the issue asks for, one line each, for the console. */
    String counts() {
        ChaosVerdict.Figures f = run.figures();
        RefundVerdict.Figures r = run.refunds();
        OperatorRefunds.Report o = run.operator();
        return String.format("""
                CHAOS %s: orders at UseePay %d (checkouts started %d, answered %d, rejected at checkout %d, unanswered %d)
                CHAOS %s: paid %d, failed %d, closed %d, still open %d
                CHAOS %s: outcomes %s (+ %d replay copies), duplicates suppressed %d, queries made %d
                CHAOS %s: notifications sent %d / acknowledged %d / dropped %d; create calls %d (orders with more than one: %d)
                CHAOS %s: DLT records %d; paid orders settled %s after the last fault (traffic still flowing); every order settled %s after the traffic stopped; replay absorbed in %d s
                CHAOS %s: seed %d (-Dchaos.seed replays the traffic); driver failures %d%s; stuck in CREATING %d%s
                CHAOS %s: longest CREATING per partition %s (order-service restart took %d ms)
                CHAOS %s: refunds asked %d (by operators %d, after a late payment %d; requests repeated %d), approved %d, refused %d; made at UseePay %d (for operators %d; succeed %d, failed %d), refunded %d minor; RefundSucceeded %d, RefundFailed %d (+ %d replay copies); at rest %s after the replay
                CHAOS %s: paid after close %d (refunded in full %d, settled as paid %d) in %d windows; operator cases %s (ops runs %d, refused by the tool %d, carried out again after a fault %d, waited for the payment %d)
                CHAOS %s: violations %d%s
                """,
                run.plan().label(), f.ordersAtUseePay(), run.checkoutsStarted(), run.checkoutsAnswered(), run.rejectedAtCheckout(),
                run.checkoutsUnanswered(),
                run.plan().label(), f.paid(), f.failedAtUseePay(), f.closedAtUseePay(), f.stillOpen(),
                run.plan().label(), f.outcomesByType(), f.outcomeReplayCopies(), f.duplicatesSuppressed(), f.queries(),
                run.plan().label(), f.notificationsSent(), f.notificationsAcknowledged(), f.notificationsDropped(),
                f.createCalls(), f.ordersWithRepeatedCreate(),
                run.plan().label(), f.deadLetters(), seconds(run.paidSettled()), seconds(run.allSettled()),
                run.replayAbsorbed().toSeconds(),
                run.plan().label(), run.plan().seed(), run.driverFailures().size(),
                run.driverFailures().isEmpty() ? "" : " " + run.driverFailures(), run.stillCreating().size(),
                run.stillCreating().isEmpty() ? "" : " " + run.stillCreating(),
                run.plan().label(), millis(run.longestCreating()), run.orderServiceRestart().toMillis(),
                run.plan().label(), r.requested(), r.requestedByOperators(), r.requestedAutomatically(), r.repeatedRequests(),
                r.approved(), r.refused(), r.madeAtUseePay(), r.madeForOperators(), r.succeededAtUseePay(), r.failedAtUseePay(),
                r.refundedMinor(), r.refundSucceededOutcomes(), r.refundFailedOutcomes(), r.refundOutcomeCopies(),
                seconds(run.refundsSettled()),
                run.plan().label(), r.paidAfterClose(), r.paidAfterCloseRefunded(), r.paidAfterCloseSettledAsPaid(),
                run.paidAfterCloseWindows(), o.casesDone(), o.toolRuns(), o.refusedByTool(), o.casesRepeated(), o.waitedForPayment(),
                run.plan().label(), run.violations().size(), run.violations().isEmpty() ? "" : " " + run.violations())
                + brokerLines();
    }

    /** On three brokers: each outage's timeline and its buckets, as BrokerLossIT prints them. */
    private String brokerLines() {
        StringBuilder out = new StringBuilder();
        String prefix = "CHAOS " + run.plan().label() + ":";
        for (BrokerOutage.Dip dip : run.brokerDips()) {
            out.append(prefix).append(' ').append(dip.outage().describe(PaymentTopics.ORDER_PARTITIONS, PaymentTopics.ORDERS.name()))
                    .append('\n').append(dip.outage().table(prefix, dip.buckets()));
        }
        if (!run.brokerDips().isEmpty()) {
            out.append(prefix).append(" orders checked out and paid while a broker was down: ").append(run.paidWhileBrokerDown()).append('\n');
        }
        return out.toString();
    }

    String markdown() {
        ChaosVerdict.Figures f = run.figures();
        RefundVerdict.Figures r = run.refunds();
        OperatorRefunds.Report o = run.operator();
        ChaosPlan plan = run.plan();
        StringBuilder md = new StringBuilder();
        md.append("# Chaos run (").append(plan.label()).append("), ").append(date()).append("\n\n");
        md.append("Command: `").append(command).append("`  \n");
        md.append("Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
                .append(run.machineLoad()).append(" (shared with other builds).  \n");
        md.append("Run: ").append(run.began()).append(" → ").append(run.ended()).append(" (")
                .append(Duration.between(run.began(), run.ended()).toSeconds()).append(" s). Stack: every service a separate ")
                .append("process (`LocalStack`), ").append(run.brokerDips().isEmpty() ? "one Kafka broker"
                        : "three Kafka brokers (replication factor 3, `min.insync.replicas=2`)")
                .append(", time scale 0.02 (a UseePay minute lasts 1.2 s; orders expire after 12 s).\n\n");
        md.append("## What was done\n");
        md.append(String.format("- Traffic: %.1f checkouts/s (open loop, at most %d in flight) from %d logged-in Mini Program users, ",
                plan.ordersPerSecond(), plan.maxInFlight(), plan.shoppers()));
        md.append(String.format("until at least %d had started and the last fault was over. Each order: %.0f %% paid in WeChat ",
                plan.minimumOrders(), plan.payShare() * 100));
        md.append(String.format("(`POST /sandbox/orders/{id}/pay`), %.0f %% failed, %.0f %% rejected at checkout (unknown product), the rest left to expire.%n",
                plan.failShare() * 100, plan.rejectShare() * 100));
        md.append(String.format("- Sandbox faults for the whole traffic phase: NOTIFY_DROP %.0f %%, NOTIFY_DUPLICATE %.0f %%.%n",
                plan.notifyDropShare() * 100, plan.notifyDuplicateShare() * 100));
        md.append(String.format("- Paid after close: the sandbox's `paidAfterClose` switch on for %d s of every %d s while traffic flowed "
                        + "(%d windows): every order expiring meanwhile was paid just after its `closed` notification.%n",
                plan.paidAfterClose().toSeconds(), plan.paidAfterCloseEvery().toSeconds(), run.paidAfterCloseWindows()));
        md.append(String.format("- Operator refunds (`ops refund … --yes --wait 0`, in-process) every %d s on a fresh order the user paid, "
                        + "during the process faults and again during the replay, in turn: a quarter; a third asked three times "
                        + "(the command twice, then the same request re-sent past the tool); half, then one unit more than what is "
                        + "left written past the tool (must be refused); two operators at once for three fifths each. A case that met "
                        + "a fault was carried out again with the same refund ids.%n", plan.operatorEvery().toSeconds()));
        md.append("- Process faults in turn, each after traffic flowed again (").append(plan.ordersBetweenFaults())
                .append(" more checkouts answered):\n\n| fault | began | ready again after |\n|---|---|---|\n");
        run.faults().forEach(fault -> md.append("| ").append(fault.what()).append(" | ").append(fault.began())
                .append(" | ").append(fault.outage().toMillis()).append(" ms |\n"));
        md.append("\n- Then, once settled, every input topic (").append(String.join(", ", ChaosRun.INPUT_TOPICS))
                .append(") replayed from the beginning into the running services, as an operator would with `ops replay`: ")
                .append("the tool refuses source = target, so each topic was copied in full to a scratch topic and back onto ")
                .append("itself (copies carry the `replay-*` audit headers), then the scratch topic deleted. ")
                .append("Copied and consumed by every group in ").append(run.replayAbsorbed().toSeconds()).append(" s.\n\n");
        brokerSection(md);
        md.append("## Counts\n\n| figure | value |\n|---|---|\n");
        row(md, "checkouts started / answered / unanswered after 120 s of retries", run.checkoutsStarted() + " / "
                + run.checkoutsAnswered() + " / " + run.checkoutsUnanswered());
        row(md, "checkout retries (5xx, 429 or no answer during faults)", run.checkoutRetries());
        row(md, "orders stuck in CREATING (status long-poll never left it) / driver failures", run.stillCreating().size()
                + " / " + run.driverFailures().size());
        row(md, "longest CREATING per partition (ms); order-service restart took", millis(run.longestCreating()) + "; "
                + run.orderServiceRestart().toMillis() + " ms");
        row(md, "traffic seed (`-Dchaos.seed` replays intents, products, quantities, shoppers)", run.plan().seed());
        row(md, "arrivals skipped (in-flight limit)", run.arrivalsSkipped());
        row(md, "rejected at checkout (never reach UseePay)", run.rejectedAtCheckout());
        row(md, "orders at UseePay (sandbox, created during the run)", f.ordersAtUseePay());
        row(md, "  of which the traffic never got an answer for", f.ordersUnknownToTraffic());
        row(md, "paid (sandbox `succeed`)", f.paid());
        row(md, "failed / closed / still open", f.failedAtUseePay() + " / " + f.closedAtUseePay() + " / " + f.stillOpen());
        row(md, "outcomes written by the services", f.outcomesByType());
        row(md, "outcome copies written by the replay", f.outcomeReplayCopies());
        row(md, "PSP findings: verified notifications / query results", f.notificationFindings() + " / " + f.queryFindings());
        row(md, "duplicates suppressed (findings that made no new outcome)", f.duplicatesSuppressed());
        row(md, "replayed finding copies (all absorbed)", f.findingReplayCopies());
        row(md, "notifications sent / acknowledged / dropped (sandbox)", f.notificationsSent() + " / "
                + f.notificationsAcknowledged() + " / " + f.notificationsDropped());
        row(md, "queries made (sandbox counter)", f.queries());
        row(md, "create calls / orders with more than one create call", f.createCalls() + " / " + f.ordersWithRepeatedCreate());
        row(md, "DLT records written during the run", f.deadLetters());
        row(md, "time to settle after the last fault: every paid order that existed when the broker was back (traffic still flowing)",
                seconds(run.paidSettled()));
        row(md, "time to settle after the traffic stopped: every order (unpaid ones close 12 s after creation)", seconds(run.allSettled()));
        row(md, "refunds asked (refund ids) / by operators / after a late payment", r.requested() + " / " + r.requestedByOperators()
                + " / " + r.requestedAutomatically());
        row(md, "refund requests repeated (same refund id, not replay copies)", r.repeatedRequests());
        row(md, "approved / refused by the ledger", r.approved() + " / " + r.refused());
        row(md, "refunds made at UseePay / for operators / succeed / failed", r.madeAtUseePay() + " / " + r.madeForOperators()
                + " / " + r.succeededAtUseePay() + " / " + r.failedAtUseePay());
        row(md, "refunded (minor units, UseePay `succeed`)", r.refundedMinor());
        row(md, "RefundSucceeded / RefundFailed written by the services (+ replay copies)", r.refundSucceededOutcomes() + " / "
                + r.refundFailedOutcomes() + " (+ " + r.refundOutcomeCopies() + ")");
        row(md, "paid after close / refunded in full / settled as paid (the close never heard of)", r.paidAfterClose() + " / "
                + r.paidAfterCloseRefunded() + " / " + r.paidAfterCloseSettledAsPaid());
        row(md, "operator cases done / ops runs / refused by the tool / carried out again after a fault", o.casesDone() + " / "
                + o.toolRuns() + " / " + o.refusedByTool() + " / " + o.casesRepeated());
        row(md, "every refund at rest (decided, settled at UseePay, its outcome written) after the replay", seconds(run.refundsSettled()));
        md.append("\n## Invariants checked, order by order against the sandbox\n");
        md.append("- every order the sandbox says paid has exactly one `PaymentSucceeded` written by a service, and no other outcome;\n");
        md.append("- no order has two outcomes, and no order has two distinct outcome event ids on the topic (replay copies included);\n");
        md.append("- every final order at UseePay has the matching outcome (`failed` → `PaymentFailed`, `closed` → `OrderClosed`);\n");
        md.append("- one UseePay order per order number: the sandbox holds one order per transactionId by construction, and lists none twice; ")
                .append("its `creates` counter counts create *calls*: a second call is only allowed after a query ")
                .append("(`payOrRecover` re-sends `pay` for an order the query found awaiting payment, which cannot create a second order), ")
                .append("and order-service decided each order once (one `OrderCreated`/`OrderRejected` event id);\n");
        md.append("- nothing in a dead-letter topic;\n");
        md.append("- refunds, against `GET /sandbox/refunds` and the counters of each refund number: what UseePay refunded (`received` ")
                .append("or `succeed`) ≤ what it took, per order, and what the ledger approved ≤ it too; every refund number made at most ")
                .append("once (`refundsMade` ≤ 1) and approved by the ledger for that amount; every refund id asked for decided exactly once; ")
                .append("a refused one never reached UseePay (no refund, no refund call) and the operator's request past what was left ")
                .append("refused as `EXCEEDS_REFUNDABLE`; every refund UseePay settled `succeed` has exactly one service-written ")
                .append("`RefundSucceeded` of its amount (`failed`: one `RefundFailed`), none for a refund UseePay did not make, one ")
                .append("outcome event id per refund; every order paid after its close that the workflow closed has one `RefundRequired` ")
                .append("and one UseePay refund of the whole amount (one it never heard closed is simply paid); no other order has a ")
                .append("`RefundRequired`. Counted once every refund came to rest and every consumer group committed past everything written.\n\n");
        md.append("Result: ").append(run.violations().isEmpty() ? "**no violation**." : "**" + run.violations().size()
                + " violation(s)**:\n\n" + String.join("\n", run.violations().stream().map(v -> "- " + v).toList())).append("\n\n");
        md.append("## Replay (ops tool output per hop)\n\n| topic | to scratch | back onto the live topic |\n|---|---|---|\n");
        run.replay().forEach(report -> md.append("| ").append(report.topic()).append(" | ").append(oneLine(report.toScratch()))
                .append(" | ").append(oneLine(report.backToLive())).append(" |\n"));
        return md.toString();
    }

    /**
     * The dip and recovery around each broker kill, checkouts answered per second and the p99 wait by 5-second
     * bucket, and the chart ({@link #chartName()}) that {@link #write} puts beside the markdown.
     */
    private void brokerSection(StringBuilder md) {
        if (run.brokerDips().isEmpty()) {
            return;
        }
        md.append("## Broker kills\n\n").append(String.format("Orders checked out and paid while a broker was down: %d.%n%n",
                run.paidWhileBrokerDown()));
        md.append("![checkouts/s and p99 wait around each broker kill](").append(chartName()).append(")\n\n");
        int kill = 1;
        for (BrokerOutage.Dip dip : run.brokerDips()) {
            BrokerOutage outage = dip.outage();
            md.append("### Kill ").append(kill++).append(": ").append(outage.describe(PaymentTopics.ORDER_PARTITIONS,
                    PaymentTopics.ORDERS.name())).append("\n\n| from (s) | checkouts/s | p99 wait (ms) | max wait (ms) | brokers |\n")
                    .append("|---:|---:|---:|---:|---|\n");
            for (CheckoutBuckets.Bucket bucket : dip.buckets()) {
                md.append(String.format("| %.0f | %.1f | %s | %s | %s |%n", outage.secondsFromKill(bucket.from()), bucket.perSecond(),
                        bucket.p99Millis().map(String::valueOf).orElse("–"), bucket.maxMillis().map(String::valueOf).orElse("–"),
                        outage.stateDuring(bucket)));
            }
            md.append('\n');
        }
    }

    private String chartName() {
        return "chaos-" + run.plan().label() + "-" + date() + ".png";
    }

    /** Writes {@code chaos-<date>.md} (full) or {@code chaos-<label>-<date>.md}; the full run also refreshes {@code chaos.md}. */
    Path write(boolean pointToIt) {
        Path folder = Path.of(System.getProperty(REPORT_DIR_PROPERTY, "target/reports"));
        String name = pointToIt ? "chaos-" + date() + ".md" : "chaos-" + run.plan().label() + "-" + date() + ".md";
        try {
            Files.createDirectories(folder);
            Path file = folder.resolve(name);
            Files.writeString(file, markdown());
            if (!run.brokerDips().isEmpty()) {
                BrokerOutageChart.write(run.brokerDips(), "chaos " + run.plan().label() + ", seed " + run.plan().seed(),
                        folder.resolve(chartName()));
            }
            if (pointToIt) {
                ChaosVerdict.Figures f = run.figures();
                Files.writeString(folder.resolve("chaos.md"), headerOfChaosMd(name, f) + sectionsKeptFrom(folder.resolve("chaos.md")));
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The "## ..." sections below the header (other runs' findings, such as "Losing a broker"): a full run refreshes only the header. */
    private static String sectionsKeptFrom(Path chaosMd) throws IOException {
        if (!Files.exists(chaosMd)) {
            return "";
        }
        String text = Files.readString(chaosMd);
        int firstSection = text.indexOf("\n## ");
        return firstSection < 0 ? "" : text.substring(firstSection);
    }

    private String headerOfChaosMd(String name, ChaosVerdict.Figures f) {
        return """
                # Chaos runs

                Latest full run: [%s](%s) — %d orders at UseePay, %d paid, %d violation(s), DLT records %d, \
                paid orders settled %s after the last fault, every order %s after the traffic stopped.

                Run it: `bin/chaos` (≈ `./mvnw -B -ntp verify -pl e2e-tests -am -Pbenchmark -Dit.test=FullChaosIT \
                -De2e.report.dir=$PWD/docs`). Options: `-Dchaos.orders=N` (default 1350), `-Dchaos.rate=R` checkouts/s (default 4), \
                `-Dchaos.seed=<n>` (replay a run's traffic), `--brokers 3` (on three Kafka nodes, two of them lost in turn:                 "Full chaos on three brokers" below).
                The short version (≥ 100 orders, the same faults) runs in every `bin/test` (`./mvnw verify`) as `ShortChaosIT`;
                replay safety alone is `ReplaySafetyIT`.
                """.formatted(name, name, f.ordersAtUseePay(), f.paid(), run.violations().size(), f.deadLetters(),
                seconds(run.paidSettled()), seconds(run.allSettled()));
    }

    private static java.util.Map<Integer, Long> millis(java.util.Map<Integer, Duration> durations) {
        java.util.Map<Integer, Long> millis = new java.util.TreeMap<>();
        durations.forEach((partition, duration) -> millis.put(partition, duration.toMillis()));
        return millis;
    }

    private static void row(StringBuilder md, String figure, Object value) {
        md.append("| ").append(figure).append(" | ").append(value).append(" |\n");
    }

    /** The tool's closing line ("… N of N copied"), enough for a table cell. */
    private static String oneLine(String text) {
        java.util.regex.Matcher copied = java.util.regex.Pattern.compile("(\\d+ of \\d+ copied)").matcher(text);
        String last = null;
        while (copied.find()) {
            last = copied.group(1);
        }
        return last != null ? last : text.replace('\n', ' ').replace("|", "/");
    }

    private static String seconds(Optional<Duration> took) {
        return took.map(duration -> String.format("%.1f s", duration.toMillis() / 1000.0)).orElse("not within the limit");
    }

    private String date() {
        return DateTimeFormatter.ISO_LOCAL_DATE.format(run.began().atZone(ZoneOffset.UTC));
    }
}
