package com.merchantpay.useepay;

import static org.assertj.core.api.Assertions.assertThat;

import com.merchantpay.useepay.refund.RefundRequest;
import com.merchantpay.useepay.refund.RefundResult;
import org.junit.jupiter.api.Test;

/** What a refund reply means; anything short of a trustworthy, matching answer is unknown. */
class RefundReplyReaderTest {

    private static final RefundRequest SENT = new RefundRequest("MPORDER1-R1", "MPORDER1", 600, "HKD");

    private static RefundResult read(String json) {
        return RefundReplyReader.read(ReplySigner.signed(json), SENT, ReplySigner.MD5);
    }

    @Test
    void receivedMeansUseePayHoldsTheRefund() {
        assertThat(read("""
                {"merchantNo":"500000000000001","signType":"MD5","resultCode":"received","errorCode":"0000","transactionType":"refund",
                 "transactionId":"MPORDER1-R1","originalTransactionId":"MPORDER1","reference":"UR1","amount":"600","currency":"HKD"}"""))
                .isEqualTo(new RefundResult.Accepted("MPORDER1-R1", "UR1", "received"));
    }

    @Test
    void failedIsARejectionWithUseePaysCode() {
        assertThat(read("""
                {"merchantNo":"500000000000001","signType":"MD5","resultCode":"failed","errorCode":"1001","errorMsg":"amount exceeds what is left to refund",
                 "transactionType":"refund","transactionId":"MPORDER1-R1"}"""))
                .isEqualTo(new RefundResult.Rejected("1001", "amount exceeds what is left to refund"));
    }

    @Test
    void anotherRefundOrderAmountOrCurrencyOrABrokenSignatureIsUnknown() {
        assertThat(read("""
                {"signType":"MD5","resultCode":"received","transactionId":"MPORDER1-R2","amount":"600"}""")).isInstanceOf(RefundResult.Unknown.class);
        assertThat(read("""
                {"signType":"MD5","resultCode":"received","transactionId":"MPORDER1-R1","amount":"700"}""")).isInstanceOf(RefundResult.Unknown.class);
        assertThat(read("""
                {"signType":"MD5","resultCode":"received","transactionId":"MPORDER1-R1","originalTransactionId":"MPORDER2"}"""))
                .isInstanceOf(RefundResult.Unknown.class);
        assertThat(read("""
                {"signType":"MD5","resultCode":"received","transactionId":"MPORDER1-R1","currency":"USD"}"""))
                .isInstanceOf(RefundResult.Unknown.class);
        assertThat(RefundReplyReader.read(ReplySigner.withSign("{\"resultCode\":\"received\"}", "forged"), SENT, ReplySigner.MD5))
                .isInstanceOf(RefundResult.Unknown.class);
        assertThat(read("{\"signType\":\"MD5\",\"resultCode\":\"gather\"}")).isInstanceOf(RefundResult.Unknown.class);
    }
}
