package com.merchantpay.reconciliation.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class TrackedOrderSerdeTest {

    private final TrackedOrderSerde serde = new TrackedOrderSerde();

    @Test
    void everyFieldSurvivesTheChangelog() {
        TrackedOrder order = new TrackedOrder("ORDER-1", "trace-1", Instant.ofEpochMilli(1_000), Instant.ofEpochMilli(2_000),
                TrackedOrder.Phase.QUERYING, Instant.ofEpochMilli(1_500), 3, Instant.ofEpochMilli(1_400), "received",
                true, 2, "incarnation-1", null, null);

        assertThat(roundTrip(order)).isEqualTo(order);
    }

    @Test
    void aRefundKeepsTheOrderItRefunds() {
        TrackedOrder refund = TrackedOrder.refund("RF0123", "ORDER-9", "trace-9", Instant.ofEpochMilli(1_000),
                Instant.ofEpochMilli(9_000), Instant.ofEpochMilli(2_000));

        assertThat(roundTrip(refund)).isEqualTo(refund);
        assertThat(roundTrip(refund).key()).isEqualTo("ORDER-9");
    }

    @Test
    void anEndedMarkerWithoutOrderDetailsSurvivesToo() {
        TrackedOrder marker = TrackedOrder.endedMarker("ORDER-2", "PaymentSucceeded", Instant.ofEpochMilli(9_000));

        assertThat(roundTrip(marker)).isEqualTo(marker);
    }

    @Test
    void anUnknownVersionIsRefusedRatherThanMisread() {
        byte[] bytes = serde.serializer().serialize("t", TrackedOrder.endedMarker("ORDER-3", "GAVE_UP", Instant.EPOCH));
        bytes[0] = 9;

        assertThatThrownBy(() -> serde.deserializer().deserialize("t", bytes)).isInstanceOf(SerializationException.class);
    }

    private TrackedOrder roundTrip(TrackedOrder order) {
        return serde.deserializer().deserialize("t", serde.serializer().serialize("t", order));
    }
}
