package com.merchantpay.notify.outcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class SettlementSerdeTest {

    @Test
    void everyFieldSurvivesTheRoundTripNullsIncluded() {
        Finding withNulls = new Finding("e1", "query", null, "pay", "succeed", null, null, null, null, null, 5L, "t");
        Finding full = new Finding("e2", "notification", "ORDER-1", "pay", "closed", 1000L, "HKD", "ref", "3300", "expired ü", 6L, "t2");
        RefundBook book = new RefundBook(1000L, "HKD", List.of(
                new RefundBook.Refund("RF1", 600L, RefundBook.State.SUCCEEDED, "t3"),
                new RefundBook.Refund("RF2", 500L, RefundBook.State.REFUSED, "t4")));
        OrderSettlement settlement = new OrderSettlement(SettlementPhase.AWAITING_ORDER,
                new ExpectedPayment(1000L, "HKD", "trace"),
                List.of(new OrderSettlement.BufferedFinding(withNulls, 10L, false),
                        new OrderSettlement.BufferedFinding(full, 11L, true)),
                true, 2, 3, List.of("m1", "m2"), book);

        assertThat(SettlementSerde.read(SettlementSerde.write(settlement))).isEqualTo(settlement);
        OrderSettlement fresh = OrderSettlement.unknownOrder();
        assertThat(SettlementSerde.read(SettlementSerde.write(fresh))).isEqualTo(fresh);
    }

    /** Stores written before refunds (version 1) are still read after an upgrade, and a paid order can be refunded. */
    @Test
    void aPaidSettlementWrittenBeforeRefundsExistedIsReadWithWhatItTook() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(1);
            text(out, "PAID");
            out.writeBoolean(true);
            out.writeLong(1000L);
            text(out, "HKD");
            text(out, "trace");
            out.writeInt(0);
            out.writeBoolean(false);
            out.writeInt(0);
            out.writeInt(4);
            out.writeInt(0);
        }

        OrderSettlement old = SettlementSerde.read(bytes.toByteArray());

        assertThat(old.phase()).isEqualTo(SettlementPhase.PAID);
        assertThat(old.findingsIgnored()).isEqualTo(4);
        assertThat(old.book()).isEqualTo(RefundBook.nothingTaken().taken(1000L, "HKD"));
        assertThat(old.book().refundableMinor()).isEqualTo(1000L);
    }

    @Test
    void anUnknownFormatVersionIsRefusedNotMisread() {
        byte[] bytes = SettlementSerde.write(OrderSettlement.unknownOrder());
        bytes[0] = 9;
        assertThatThrownBy(() -> SettlementSerde.read(bytes)).isInstanceOf(SerializationException.class);
    }

    private static void text(DataOutputStream out, String value) throws Exception {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }
}
