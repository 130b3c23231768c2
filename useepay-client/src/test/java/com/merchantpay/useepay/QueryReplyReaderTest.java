package com.merchantpay.useepay;

import static com.merchantpay.useepay.ReplySigner.jsonString;
import static com.merchantpay.useepay.ReplySigner.signed;
import static com.merchantpay.useepay.ReplySigner.withSign;
import static org.assertj.core.api.Assertions.assertThat;

import com.merchantpay.useepay.query.PspOrderStatus;
import com.merchantpay.useepay.query.QueryResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every variant of a {@code query} reply the contract lists, as literal JSON. */
class QueryReplyReaderTest {

    private static final OrderLookup BY_ORDER = OrderLookup.byTransactionId("ORDER20240101001");

    static String order(String type, String status, String errorCode) {
        return "{\"transactionId\":\"ORDER20240101001\",\"reference\":\"UP2024000001\",\"transactionType\":\"" + type + "\","
                + "\"amount\":\"1000\",\"currency\":\"HKD\",\"resultCode\":\"" + status + "\","
                + "\"errorCode\":\"" + errorCode + "\",\"errorMsg\":\"\"}";
    }

    static String reply(String queryResultCode, String transactionInfo) {
        return "{\"merchantNo\":\"500000000000001\",\"resultCode\":\"" + queryResultCode + "\",\"errorCode\":\"0000\","
                + "\"errorMsg\":\"success\",\"signType\":\"MD5\""
                + (transactionInfo == null ? "" : ",\"transactionInfo\":" + jsonString(transactionInfo)) + "}";
    }

    private static QueryResult read(String body) {
        return read(body, BY_ORDER);
    }

    private static QueryResult read(String body, OrderLookup lookup) {
        return QueryReplyReader.read(body, lookup, ReplySigner.MERCHANT_NO, ReplySigner.MD5);
    }

    @ParameterizedTest
    @CsvSource({
            "pay, received, RECEIVED", "pay, pending, PENDING", "pay, succeed, SUCCEED", "sale, succeed, SUCCEED",
            "pay, failed, FAILED", "pay, cancelled, CANCELLED", "sale, closed, CLOSED"})
    void theOrdersOwnStatusComesFromTransactionInfo(String type, String wire, PspOrderStatus status) {
        assertThat(read(signed(reply("succeed", order(type, wire, "0000"))))).isEqualTo(new QueryResult.Found(
                "ORDER20240101001", "UP2024000001", status, wire, 1000L, "HKD", "0000", "", null));
    }

    @Test
    void anExpiredOrderCarriesItsErrorCode() {
        assertThat(read(signed(reply("succeed", order("pay", "closed", "3300")))))
                .isInstanceOfSatisfying(QueryResult.Found.class, found -> {
                    assertThat(found.status()).isEqualTo(PspOrderStatus.CLOSED);
                    assertThat(found.errorCode()).isEqualTo("3300");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"gather", "challenge", "pending_review", "brand_new_status"})
    void cardOnlyAndNewStatusesAreUnrecognisedButKept(String wire) {
        assertThat(read(signed(reply("succeed", order("pay", wire, "0000")))))
                .isInstanceOfSatisfying(QueryResult.Found.class, found -> {
                    assertThat(found.status()).isEqualTo(PspOrderStatus.UNRECOGNISED);
                    assertThat(found.statusWireValue()).isEqualTo(wire);
                });
    }

    @Test
    void aFailedQueryWithoutTransactionInfoMeansNotFound() {
        String body = reply("failed", null).replace("\"0000\"", "\"1001\"").replace("\"success\"", "\"order not exist\"");
        assertThat(read(signed(body))).isEqualTo(new QueryResult.NotFound("1001", "order not exist"));
    }

    @Test
    void aSucceededQueryWithoutTransactionInfoIsUnknown() {
        assertThat(read(signed(reply("succeed", null)))).isInstanceOf(QueryResult.Unknown.class);
    }

    @Test
    void aNotFoundWithABadSignatureIsUnknown() {
        assertThat(read(withSign(reply("failed", null), "0123456789abcdef0123456789abcdef"))).isInstanceOf(QueryResult.Unknown.class);
        assertThat(read(reply("failed", null))).isInstanceOf(QueryResult.Unknown.class);
    }

    @Test
    void transactionInfoTamperedAfterSigningIsUnknown() {
        String body = signed(reply("succeed", order("pay", "received", "0000"))).replace("received", "succeed");
        assertThat(read(body)).isInstanceOf(QueryResult.Unknown.class);
    }

    @Test
    void aRefundInTransactionInfoIsNotAPaymentStatus() {
        assertThat(read(signed(reply("succeed", order("refund", "succeed", "0000"))))).isInstanceOf(QueryResult.Unknown.class);
    }

    @Test
    void transactionInfoAboutAnotherOrderIsUnknown() {
        String other = order("pay", "succeed", "0000").replace("ORDER20240101001", "ORDER-OTHER");
        assertThat(read(signed(reply("succeed", other)))).isInstanceOf(QueryResult.Unknown.class);
    }

    @Test
    void aReplyForAnotherMerchantIsUnknown() {
        String body = reply("succeed", order("pay", "succeed", "0000")).replace("500000000000001", "500000000000999");
        assertThat(read(signed(body))).isInstanceOf(QueryResult.Unknown.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "[]", "{\"resultCode\":\"succeed\"", "{\"transactionType\":\"pay\"}"})
    void unreadableTransactionInfoOrOneWithoutStatusIsUnknown(String transactionInfo) {
        assertThat(read(signed(reply("succeed", transactionInfo)))).isInstanceOf(QueryResult.Unknown.class);
    }

    @Test
    void aMalformedAmountIsUnknown() {
        assertThat(read(signed(reply("succeed", order("pay", "succeed", "0000").replace("\"1000\"", "\"-5\"")))))
                .isInstanceOf(QueryResult.Unknown.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{", "<html>", "null", "{\"a\":1,\"a\":2}"})
    void unparsableBodiesAreUnknown(String body) {
        assertThat(read(body)).isInstanceOf(QueryResult.Unknown.class);
    }

    @Test
    void byReferenceTheAskedReferenceFillsInWhatTheReplyLeavesOut() {
        String sparse = "{\"transactionType\":\"pay\",\"resultCode\":\"pending\",\"transactionId\":\"ORDER20240101001\"}";
        assertThat(read(signed(reply("succeed", sparse)), OrderLookup.byReference("UP2024000001"))).isEqualTo(
                new QueryResult.Found("ORDER20240101001", "UP2024000001", PspOrderStatus.PENDING, "pending", null, null, null, null, null));
    }

    @Test
    void transactionInfoSentAsAnObjectRatherThanAStringIsStillRead() {
        String body = "{\"merchantNo\":\"500000000000001\",\"resultCode\":\"succeed\",\"signType\":\"MD5\","
                + "\"transactionInfo\":" + order("pay", "succeed", "0000") + "}";
        assertThat(read(signed(body))).isInstanceOf(QueryResult.Found.class);
    }
}
