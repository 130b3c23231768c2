package com.merchantpay.baseline.checkout;

import java.util.Map;

/** How one checkout ended: the pay values for {@code wx.requestPayment}, or a refusal with a stable code. */
public sealed interface CheckoutAnswer {

    /** UseePay holds the order; {@code payment} holds the five wx.requestPayment values by their WeChat names. */
    record Placed(String orderNo, Map<String, String> payment) implements CheckoutAnswer {
    }

    /**
     * No pay values: {@code status} 422 for a basket we will not sell, 502 when UseePay refused or its
     * answer is unknown (the order may exist there; this baseline leaves it to expire).
     */
    record Refused(int status, String code, String message) implements CheckoutAnswer {
    }
}
