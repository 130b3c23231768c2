package com.merchantpay.sandbox.useepay;

import java.util.Map;
import java.util.Set;
import tools.jackson.databind.json.JsonMapper;

/** A {@code pay} request that passed every field rule of the contract. */
record PayCall(
        String transactionId,
        String merchantSite,
        long amountMinor,
        String currency,
        String notifyUrl,
        int expiryMinutes,
        String subAppId,
        String subOpenId,
        String subject,
        String echoParam) {

    static PayCall read(ApiFields request, Set<String> currencies, JsonMapper json) {
        String transactionId = request.identifier("transactionId");
        String site = request.required("appId", 128);
        if (site.contains("://") || site.contains("/")) {
            throw new InvalidParameter("appId is the registered website domain, without scheme or path");
        }
        long amount = request.amount();
        String currency = request.currency(currencies);
        String notifyUrl = request.httpUrl("notifyUrl");
        int expiry = request.minutes("transactionExpirationTime", 1, 20, 20);
        Map<String, Object> payer = request.jsonObject("payerInfo", 512, json);
        if (!"wechat_jsapi".equals(payer.get("paymentMethod"))) {
            throw new InvalidParameter("payerInfo.paymentMethod must be wechat_jsapi");
        }
        String subAppId = ApiFields.text(payer, "payerInfo", "sub_appid", 32);
        String subOpenId = ApiFields.text(payer, "payerInfo", "sub_openid", 128);
        Map<String, Object> orderInfo = request.jsonObject("orderInfo", 4096, json);
        String subject = ApiFields.text(orderInfo, "orderInfo", "subject", 128);
        request.optionalJsonObject("userInfo", 1024, json);
        String echoParam = request.optional("echoParam", 512).orElse(null);
        return new PayCall(transactionId, site, amount, currency, notifyUrl, expiry, subAppId, subOpenId, subject,
                echoParam);
    }
}
