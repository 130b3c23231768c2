package com.merchantpay.useepay.pay;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * A WeChat Mini Program (JSAPI) order to create with UseePay {@code pay}. Validated on construction
 * against the contract's limits, so an order UseePay would refuse for its shape never leaves the
 * process: an invalid one throws {@link IllegalArgumentException}, which is a programming error in
 * the caller (it priced or numbered the order wrongly), not a payment outcome.
 *
 * @param transactionId our order number, 1 to 64 chars, unique per order
 * @param amountMinor   total in the currency's minor unit, greater than zero, at most 12 digits
 * @param currency      ISO 4217, three upper-case letters
 * @param subject       title shown on the WeChat bill, not blank
 * @param subAppId      the Mini Program's WeChat appid, not blank
 * @param subOpenId     the payer's openid for that appid, not blank
 * @param expiry        whole minutes from 1 to 20, always sent explicitly
 * @param payerIp       the payer's IP when known, else null
 */
public record JsapiPayRequest(
        String transactionId,
        long amountMinor,
        String currency,
        String subject,
        String subAppId,
        String subOpenId,
        Duration expiry,
        String payerIp) {

    /** Twelve digits, the contract's limit for {@code amount}. */
    public static final long MAX_AMOUNT_MINOR = 999_999_999_999L;
    public static final int MAX_TRANSACTION_ID_LENGTH = 64;
    public static final Duration MIN_EXPIRY = Duration.ofMinutes(1);
    public static final Duration MAX_EXPIRY = Duration.ofMinutes(20);

    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    public JsapiPayRequest {
        requireText("transactionId", transactionId);
        if (transactionId.length() > MAX_TRANSACTION_ID_LENGTH) {
            throw new IllegalArgumentException("transactionId is longer than 64 characters");
        }
        if (amountMinor <= 0 || amountMinor > MAX_AMOUNT_MINOR) {
            throw new IllegalArgumentException("amountMinor must be greater than 0 and at most 12 digits");
        }
        if (currency == null || !CURRENCY.matcher(currency).matches()) {
            throw new IllegalArgumentException("currency must be three upper-case letters (ISO 4217)");
        }
        requireText("subject", subject);
        requireText("subAppId", subAppId);
        requireText("subOpenId", subOpenId);
        if (expiry == null || expiry.compareTo(MIN_EXPIRY) < 0 || expiry.compareTo(MAX_EXPIRY) > 0
                || expiry.toSecondsPart() != 0 || expiry.toNanosPart() != 0) {
            throw new IllegalArgumentException("expiry must be whole minutes from 1 to 20");
        }
        if (payerIp != null && payerIp.isBlank()) {
            payerIp = null;
        }
    }

    private static void requireText(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is missing");
        }
    }
}
