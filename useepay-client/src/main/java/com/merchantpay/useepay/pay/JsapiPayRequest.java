package com.merchantpay.useepay.pay;

import java.time.Duration;

/**
 * A WeChat Mini Program (JSAPI) order to create with UseePay {@code pay}.
 *
 * @param transactionId our order number, up to 64 chars, unique per order
 * @param amountMinor   total in the currency's minor unit, greater than zero, at most 12 digits
 * @param currency      ISO 4217, upper case
 * @param subject       title shown on the WeChat bill
 * @param subAppId      the Mini Program's WeChat appid
 * @param subOpenId     the payer's openid for that appid
 * @param expiry        1 to 20 minutes, always sent explicitly
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
}
