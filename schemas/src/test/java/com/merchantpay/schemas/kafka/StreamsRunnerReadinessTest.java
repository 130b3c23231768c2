package com.merchantpay.schemas.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.Test;

class StreamsRunnerReadinessTest {

    @Test
    void notReadyWhileTheFirstRebalanceIsStillAssigningPartitions() {
        assertThat(StreamsRunner.ready(State.CREATED, false)).isFalse();
        assertThat(StreamsRunner.ready(State.REBALANCING, false)).isFalse();
    }

    @Test
    void readyOnceRunningAndThroughLaterRebalances() {
        assertThat(StreamsRunner.ready(State.RUNNING, true)).isTrue();
        assertThat(StreamsRunner.ready(State.REBALANCING, true)).isTrue();
    }

    @Test
    void notReadyOnceFailedOrStopping() {
        assertThat(StreamsRunner.ready(State.ERROR, true)).isFalse();
        assertThat(StreamsRunner.ready(State.PENDING_SHUTDOWN, true)).isFalse();
        assertThat(StreamsRunner.ready(State.NOT_RUNNING, true)).isFalse();
    }
}
