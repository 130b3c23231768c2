package com.merchantpay.sandbox.useepay;

/**
 * The {@code wx.requestPayment} values UseePay hands back in {@code redirectParam}. Fixed at
 * creation, so an idempotent second create returns exactly the same values.
 */
public record WxPayment(String appId, String timeStamp, String nonceStr, String prepayId, String paySign) {

    public String packageValue() {
        return "prepay_id=" + prepayId;
    }
}
