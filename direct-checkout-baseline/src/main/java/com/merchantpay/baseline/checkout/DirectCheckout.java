package com.merchantpay.baseline.checkout;

import com.merchantpay.useepay.autoconfigure.UseePayProperties;
import com.merchantpay.useepay.UseePayClient;
import com.merchantpay.useepay.pay.JsapiPayRequest;
import com.merchantpay.useepay.pay.PayResult;
import com.merchantpay.useepay.pay.WxPaymentParameters;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/**
 * Price, call UseePay, answer: the whole checkout inside one request. Uses {@code payOrRecover},
 * as a careful merchant would, so an unknown answer is resolved by a query before giving up.
 */
@Service
class DirectCheckout {

    private final UseePayClient useePay;
    private final UseePayProperties useePayProperties;
    private final CheckoutProperties properties;
    private final PriceList prices;

    DirectCheckout(UseePayClient useePay, UseePayProperties useePayProperties, CheckoutProperties properties) {
        this.useePay = useePay;
        this.useePayProperties = useePayProperties;
        this.properties = properties;
        this.prices = new PriceList(properties);
    }

    Mono<CheckoutAnswer> place(CheckoutRequest request, String traceId, String payerIp) {
        PriceList.Result priced = prices.price(request.items());
        if (priced.total().isEmpty()) {
            return Mono.just(new CheckoutAnswer.Refused(422, priced.refusal(), "the basket cannot be sold"));
        }
        PriceList.Total total = priced.total().get();
        // A fresh number per request: this baseline keeps no idempotency record, which is part of what it saves.
        String orderNo = "dc-" + UUID.randomUUID().toString().replace("-", "");
        JsapiPayRequest pay = new JsapiPayRequest(orderNo, total.amountMinor(), total.currency(), total.subject(),
                properties.weChatAppId(), request.openId(), useePayProperties.orderExpiry(), payerIp);
        Context trace = traceId == null ? Context.empty() : Context.of(UseePayClient.TRACE_ID_CONTEXT_KEY, traceId);
        return useePay.payOrRecover(pay).map(result -> answer(orderNo, result)).contextWrite(trace);
    }

    private static CheckoutAnswer answer(String orderNo, PayResult result) {
        return switch (result) {
            case PayResult.Accepted accepted -> new CheckoutAnswer.Placed(orderNo, payValues(accepted.payment()));
            case PayResult.Rejected rejected -> new CheckoutAnswer.Refused(502, "PSP_REJECTED",
                    "UseePay refused the order: " + rejected.errorCode());
            case PayResult.Existing existing -> new CheckoutAnswer.Refused(502, "PSP_ORDER_NOT_PAYABLE",
                    "UseePay holds the order as " + existing.statusWireValue() + " without pay values");
            case PayResult.Unknown unknown -> new CheckoutAnswer.Refused(502, "PSP_OUTCOME_UNKNOWN", unknown.cause());
        };
    }

    private static Map<String, String> payValues(WxPaymentParameters payment) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("timeStamp", payment.timeStamp());
        values.put("nonceStr", payment.nonceStr());
        values.put("package", payment.packageValue());
        values.put("signType", payment.signType());
        values.put("paySign", payment.paySign());
        return values;
    }
}
