package com.merchantpay.useepay.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The contract's worked example (../shared/contracts/useepay.md, "Signing"). */
class WorkedExampleTest {

    private static Map<String, String> examplePay() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("version", "1.0");
        fields.put("transactionType", "pay");
        fields.put("merchantNo", "500000000000001");
        fields.put("transactionId", "ORDER20240101001");
        fields.put("appId", "www.example.com");
        fields.put("amount", "1000");
        fields.put("currency", "HKD");
        fields.put("notifyUrl", "https://merchant.example.com/notify");
        fields.put("payerInfo", "{\"paymentMethod\":\"wechat_jsapi\",\"sub_appid\":\"wx1234567890abcdef\",\"sub_openid\":\"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o\"}");
        fields.put("orderInfo", "{\"subject\":\"Test goods\"}");
        fields.put("signType", "MD5");
        return fields;
    }

    @Test
    void signingContentIsSortedRawAndUnencoded() {
        assertThat(SigningContent.of(examplePay())).isEqualTo(
                "amount=1000&appId=www.example.com&currency=HKD&merchantNo=500000000000001"
                        + "&notifyUrl=https://merchant.example.com/notify&orderInfo={\"subject\":\"Test goods\"}"
                        + "&payerInfo={\"paymentMethod\":\"wechat_jsapi\",\"sub_appid\":\"wx1234567890abcdef\",\"sub_openid\":\"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o\"}"
                        + "&signType=MD5&transactionId=ORDER20240101001&transactionType=pay&version=1.0");
    }

    @Test
    void md5SignatureMatchesTheContract() {
        assertThat(new Md5SignatureScheme(new MerchantKey("TESTKEY123")).sign(examplePay()))
                .isEqualTo("a346ef60a89cad43ec45ca4177fa9eac");
    }

    @Test
    void emptyValuesAndTheSignFieldAreNotSigned() {
        Map<String, String> withExtras = examplePay();
        withExtras.put("echoParam", "");
        withExtras.put("sign", "whatever");
        assertThat(new Md5SignatureScheme(new MerchantKey("TESTKEY123")).sign(withExtras))
                .isEqualTo("a346ef60a89cad43ec45ca4177fa9eac");
    }

    @Test
    void keysNeverShowInToString() {
        assertThat(new MerchantKey("TESTKEY123").toString()).doesNotContain("TESTKEY123");
        assertThat(new Md5SignatureScheme(new MerchantKey("TESTKEY123")).toString()).doesNotContain("TESTKEY123");
    }
}
