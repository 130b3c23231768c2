package com.merchantpay.useepay.pay;

/**
 * What {@code wx.requestPayment} needs, read from UseePay's {@code redirectParam}, passed to the
 * Mini Program unchanged. {@code packageValue} is the {@code package} key ({@code prepay_id=...}).
 */
public record WxPaymentParameters(
        String appId,
        String timeStamp,
        String nonceStr,
        String packageValue,
        String signType,
        String paySign) {
}
