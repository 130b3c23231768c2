package com.merchantpay.e2e.chaos;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One Kafka node lost under traffic and brought back: which node, how much of the order topic it led,
 * and when it went, when its partitions had new leaders, when it was started again, listed live, and
 * every replica in sync. Shared by {@link BrokerLossIT} and the chaos run on three brokers
 * ({@link FaultSchedule}), so both report the dip in the same words and buckets.
 */
record BrokerOutage(int victim, int victimLed, int controllerBefore, Instant killedAt, Instant leadershipMoved,
                    Instant restartedAt, Instant backAt, Instant inSyncAt) {

    /** The node was down (killed, not yet listed live again) at {@code at}. */
    boolean down(Instant at) {
        return !at.isBefore(killedAt) && at.isBefore(backAt);
    }

    double secondsFromKill(Instant at) {
        return Duration.between(killedAt, at).toMillis() / 1000.0;
    }

    /** The moments worth naming on a bucket or a chart, in the order they happen. */
    List<Map.Entry<String, Instant>> events() {
        return List.of(Map.entry("killed", killedAt), Map.entry("leaders moved", leadershipMoved),
                Map.entry("restarted", restartedAt), Map.entry("live again", backAt), Map.entry("in sync", inSyncAt));
    }

    /** "2 of 3" or "3 of 3" during the bucket, with whatever happened in it, as the CLUSTER lines and chaos.md print it. */
    String stateDuring(CheckoutBuckets.Bucket bucket) {
        Instant end = bucket.from().plus(bucket.length());
        List<String> happened = new ArrayList<>();
        for (Map.Entry<String, Instant> event : events()) {
            if (!event.getValue().isBefore(bucket.from()) && event.getValue().isBefore(end)) {
                happened.add(event.getKey());
            }
        }
        String state = down(bucket.from()) || down(end.minusMillis(1)) ? "2 of 3" : "3 of 3";
        return happened.isEmpty() ? state : state + " (" + String.join(", ", happened) + ")";
    }

    /** One line per bucket: from/to in seconds from the kill, checkouts/s, p99 and max wait, the brokers. */
    String table(String prefix, List<CheckoutBuckets.Bucket> buckets) {
        StringBuilder out = new StringBuilder();
        out.append(prefix).append("   from(s)  to(s)  checkouts/s  p99 wait(ms)  max wait(ms)  broker\n");
        for (CheckoutBuckets.Bucket bucket : buckets) {
            out.append(String.format("%s %8.0f %6.0f %12.1f %13s %13s  %s%n", prefix, secondsFromKill(bucket.from()),
                    secondsFromKill(bucket.from().plus(bucket.length())), bucket.perSecond(),
                    bucket.p99Millis().map(String::valueOf).orElse("-"), bucket.maxMillis().map(String::valueOf).orElse("-"),
                    stateDuring(bucket)));
        }
        return out.toString();
    }

    /** The timeline in one line, seconds from the kill. */
    String describe(int partitions, String topic) {
        return String.format("kill -9 of broker %d (led %d of %d partitions of %s; active controller: node %d) at 0 s;"
                        + " leaders moved +%.1f s; restart at +%.1f s, live again +%.1f s; every replica in sync +%.1f s",
                victim, victimLed, partitions, topic, controllerBefore, secondsFromKill(leadershipMoved),
                secondsFromKill(restartedAt), secondsFromKill(backAt), secondsFromKill(inSyncAt));
    }

    /** An outage with the checkouts answered around it, bucket by bucket. */
    record Dip(BrokerOutage outage, List<CheckoutBuckets.Bucket> buckets) {
    }
}
