package com.merchantpay.e2e.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dip report of a broker kill on hand-made checkouts: buckets, percentiles, broker states and the chart (no stack). */
class CheckoutBucketsTest {

    private static final Instant KILL = Instant.parse("2026-11-30T12:00:00Z");

    @Test
    void bucketsAreCountedFromTheKillByWhenTheAnswerCameAndAStallIsAnEmptyBucket() {
        List<ChaosOrders.Placed> placed = List.of(
                answered(-7_000, 300), answered(-3_000, 400),
                // Nothing answered from 0 to 5 s: the stall.
                answered(6_000, 4_000), answered(6_500, 6_000), answered(9_999, 200));

        List<CheckoutBuckets.Bucket> buckets = CheckoutBuckets.around(KILL, placed);

        assertThat(buckets).extracting(bucket -> Duration.between(KILL, bucket.from()).toSeconds()).containsExactly(-10L, -5L, 0L, 5L);
        assertThat(buckets).extracting(CheckoutBuckets.Bucket::answered).containsExactly(1, 1, 0, 3);
        assertThat(buckets.get(2).p99Millis()).isEmpty();
        assertThat(buckets.get(3).perSecond()).isEqualTo(0.6);
        assertThat(buckets.get(3).p99Millis()).contains(6_000L);
        assertThat(buckets.get(3).maxMillis()).contains(6_000L);
    }

    @Test
    void aWindowKeepsWholeBucketsEvenWhenNothingWasAnsweredAtItsEdges() {
        List<ChaosOrders.Placed> placed = List.of(answered(-60_000, 100), answered(2_000, 100), answered(9_000, 100),
                answered(60_000, 100));

        // The window ends at +7 s, inside the bucket from +5 s: that bucket is counted whole, not cut at +7 s.
        List<CheckoutBuckets.Bucket> buckets = CheckoutBuckets.around(KILL, placed, KILL.minusSeconds(15), KILL.plusSeconds(7));

        assertThat(buckets).extracting(bucket -> Duration.between(KILL, bucket.from()).toSeconds()).containsExactly(-15L, -10L, -5L, 0L, 5L);
        assertThat(buckets).extracting(CheckoutBuckets.Bucket::answered).containsExactly(0, 0, 0, 1, 1);
    }

    @Test
    void theNinetyNinthPercentileIsTheNearestRank() {
        List<Long> hundred = new ArrayList<>();
        for (long wait = 1; wait <= 100; wait++) {
            hundred.add(wait);
        }
        assertThat(CheckoutBuckets.percentile(hundred, 0.99)).isEqualTo(99);
        assertThat(CheckoutBuckets.percentile(List.of(5L, 7L), 0.99)).isEqualTo(7);
    }

    @Test
    void eachBucketSaysHowManyBrokersWereUpAndWhatHappenedInIt() {
        BrokerOutage outage = outage();
        List<CheckoutBuckets.Bucket> buckets = CheckoutBuckets.around(KILL, List.of(answered(-1_000, 1), answered(41_000, 1)));

        assertThat(outage.stateDuring(buckets.getFirst())).isEqualTo("3 of 3");
        assertThat(outage.stateDuring(buckets.get(1))).isEqualTo("2 of 3 (killed, leaders moved)");
        assertThat(outage.stateDuring(buckets.get(4))).isEqualTo("2 of 3 (restarted)");
        assertThat(outage.stateDuring(buckets.get(6))).isEqualTo("2 of 3 (live again)");
        assertThat(outage.stateDuring(buckets.get(8))).isEqualTo("3 of 3 (in sync)");
        assertThat(outage.table("T", buckets).lines()).hasSize(1 + buckets.size());
    }

    @Test
    void theChartHasOnePanelPerKill(@TempDir Path folder) throws IOException {
        BrokerOutage outage = outage();
        List<CheckoutBuckets.Bucket> buckets = CheckoutBuckets.around(KILL, List.of(answered(-4_000, 300), answered(7_000, 5_000)));
        Path png = folder.resolve("dip.png");

        BrokerOutageChart.write(List.of(new BrokerOutage.Dip(outage, buckets), new BrokerOutage.Dip(outage, buckets)), "test", png);

        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(1000);
        assertThat(image.getHeight()).as("two panels of 420 px, one above the other").isEqualTo(2 * 420);
    }

    /** Killed at 0, leaders moved +3 s, restarted +17 s, live again +26 s, in sync +36 s. */
    private static BrokerOutage outage() {
        return new BrokerOutage(1, 4, 2, KILL, KILL.plusSeconds(3), KILL.plusSeconds(17), KILL.plusSeconds(26), KILL.plusSeconds(36));
    }

    /** A checkout answered {@code atMillis} from the kill after its shopper waited {@code waitMillis}. */
    private static ChaosOrders.Placed answered(long atMillis, long waitMillis) {
        Instant answeredAt = KILL.plusMillis(atMillis);
        return new ChaosOrders.Placed("T" + atMillis, ChaosOrders.Intent.PAY, 201, answeredAt, Duration.ofMillis(waitMillis), 200,
                answeredAt.minusMillis(waitMillis), answeredAt);
    }
}
