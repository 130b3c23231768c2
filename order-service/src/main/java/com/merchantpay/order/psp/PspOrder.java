package com.merchantpay.order.psp;

/**
 * A priced order to place with UseePay.
 *
 * @param payerIp the payer's IP as the gateway saw it, or null
 * @param traceId sent to UseePay as {@code X-Trace-Id}
 */
public record PspOrder(String orderNo, long amountMinor, String currency, String subject, String openId, String payerIp,
                       String traceId) {
}
