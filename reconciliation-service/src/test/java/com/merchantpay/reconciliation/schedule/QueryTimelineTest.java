package com.merchantpay.reconciliation.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class QueryTimelineTest {

    private static final Instant CREATED = Instant.parse("2026-11-26T10:00:00Z");
    private static final List<Duration> USEEPAY_RETRIES = minutes(1, 3, 5, 10, 15, 15, 30, 60);

    private final QueryTimeline timeline = new QueryTimeline(Duration.ofSeconds(30), USEEPAY_RETRIES,
            Duration.ofMinutes(2), Duration.ofHours(1), Duration.ofSeconds(5), Duration.ofMinutes(5));

    @Test
    void followsUseePaysResendsAsRunningTotalsAndEndsWithTheExpiryCheck() {
        Instant expires = CREATED.plus(Duration.ofMinutes(20));

        assertThat(timeline.points(CREATED, expires)).containsExactly(
                at("10:00:30"), at("10:01:30"), at("10:04:30"), at("10:09:30"), at("10:19:30"), at("10:22:00"));
    }

    @Test
    void aLongLivedOrderGetsTheWholeTimelineThenTheExpiryCheck() {
        Instant expires = CREATED.plus(Duration.ofHours(3));

        assertThat(timeline.points(CREATED, expires)).containsExactly(
                at("10:00:30"), at("10:01:30"), at("10:04:30"), at("10:09:30"), at("10:19:30"), at("10:34:30"),
                at("10:49:30"), at("11:19:30"), at("12:19:30"), at("13:02:00"));
    }

    @Test
    void anOrderExpiringBeforeTheGracePeriodIsStillCheckedAfterItsExpiry() {
        Instant expires = CREATED.plus(Duration.ofSeconds(10));

        assertThat(timeline.points(CREATED, expires)).containsExactly(at("10:00:30"), at("10:01:30"), at("10:02:10"));
    }

    @Test
    void walkingTheScheduleVisitsEveryPointOnceThenStops() {
        Instant expires = CREATED.plus(Duration.ofMinutes(20));
        List<Instant> visited = new ArrayList<>();
        Optional<Instant> next = timeline.nextQuery(CREATED, expires, null, false);
        while (next.isPresent()) {
            visited.add(next.get());
            next = timeline.nextQuery(CREATED, expires, next.get().plusMillis(50), false);
        }

        assertThat(visited).isEqualTo(timeline.points(CREATED, expires));
    }

    @Test
    void aReconcilerThatFellBehindCollapsesTheMissedPointsIntoOneQuery() {
        Instant expires = CREATED.plus(Duration.ofMinutes(20));

        assertThat(timeline.nextQuery(CREATED, expires, at("10:12:00"), false)).contains(at("10:19:30"));
        assertThat(timeline.nextQuery(CREATED, expires, at("10:21:00"), false)).contains(at("10:22:00"));
        assertThat(timeline.nextQuery(CREATED, expires, at("10:22:00"), false)).isEmpty();
    }

    @Test
    void afterAFinalStatusOnlyTheExpiryCheckIsLeft() {
        Instant expires = CREATED.plus(Duration.ofMinutes(20));

        assertThat(timeline.nextQuery(CREATED, expires, at("10:00:31"), true)).contains(at("10:22:00"));
        assertThat(timeline.nextQuery(CREATED, expires, at("10:22:01"), true)).isEmpty();
    }

    @Test
    void backoffDoublesUpToItsCap() {
        assertThat(List.of(1, 2, 3, 4, 7, 8, 100).stream().map(timeline::backoff).toList()).containsExactly(
                Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(40),
                Duration.ofSeconds(300), Duration.ofSeconds(300), Duration.ofSeconds(300));
    }

    @Test
    void unansweredQueriesAreGivenUpOnlyAfterThePatienceBeyondTheExpiryCheck() {
        Instant expires = CREATED.plus(Duration.ofMinutes(20));

        assertThat(timeline.unansweredGiveUpAt(expires)).isEqualTo(at("11:22:00"));
    }

    private static Instant at(String time) {
        return Instant.parse("2026-11-26T" + time + "Z");
    }

    private static List<Duration> minutes(long... values) {
        return java.util.Arrays.stream(values).mapToObj(Duration::ofMinutes).toList();
    }
}
