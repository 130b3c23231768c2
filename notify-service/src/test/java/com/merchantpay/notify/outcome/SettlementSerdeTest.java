package com.merchantpay.notify.outcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class SettlementSerdeTest {

    @Test
    void everyFieldSurvivesTheRoundTripNullsIncluded() {
        Finding withNulls = new Finding("e1", "query", "pay", "succeed", null, null, null, null, null, 5L, "t");
        Finding full = new Finding("e2", "notification", "pay", "closed", 1000L, "HKD", "ref", "3300", "expired ü", 6L, "t2");
        OrderSettlement settlement = new OrderSettlement(SettlementPhase.AWAITING_ORDER,
                new ExpectedPayment(1000L, "HKD", "trace"),
                List.of(new OrderSettlement.BufferedFinding(withNulls, 10L, false),
                        new OrderSettlement.BufferedFinding(full, 11L, true)),
                true, 2, 3, List.of("m1", "m2"));

        assertThat(SettlementSerde.read(SettlementSerde.write(settlement))).isEqualTo(settlement);
        OrderSettlement fresh = OrderSettlement.unknownOrder();
        assertThat(SettlementSerde.read(SettlementSerde.write(fresh))).isEqualTo(fresh);
    }

    @Test
    void anUnknownFormatVersionIsRefusedNotMisread() {
        byte[] bytes = SettlementSerde.write(OrderSettlement.unknownOrder());
        bytes[0] = 9;
        assertThatThrownBy(() -> SettlementSerde.read(bytes)).isInstanceOf(SerializationException.class);
    }
}
