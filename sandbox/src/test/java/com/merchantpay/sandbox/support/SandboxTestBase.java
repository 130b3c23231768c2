package com.merchantpay.sandbox.support;

import com.merchantpay.useepay.signing.SignatureScheme;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;

/**
 * One sandbox on a random port shared by every test class (same configuration, so Spring's
 * context cache keeps one). Time runs 100× fast: a UseePay minute is 600 ms, a login code lives 3 s.
 * Each test starts from a reset sandbox with its own notify receiver.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "sandbox.time-scale=0.01",
        "sandbox.useepay.merchant-no=" + TestKeys.MERCHANT_NO,
        "sandbox.useepay.merchant-key=" + TestKeys.MERCHANT_KEY,
        "sandbox.wechat.app-id=" + TestKeys.WECHAT_APP_ID,
        "sandbox.wechat.secret=" + TestKeys.WECHAT_SECRET,
        "sandbox.wechat.calls-per-minute=5",
        "sandbox.notifications.response-timeout=1s"})
public abstract class SandboxTestBase {

    protected static final String SITE = "shop.example.com";

    @LocalServerPort
    protected int port;

    protected WebTestClient http;
    protected NotifyReceiver receiver;

    @DynamicPropertySource
    static void rsaKeys(DynamicPropertyRegistry registry) {
        registry.add("sandbox.useepay.merchant-public-key", () -> TestKeys.base64(TestKeys.MERCHANT.getPublic()));
        registry.add("sandbox.useepay.useepay-private-key", () -> TestKeys.base64(TestKeys.USEEPAY.getPrivate()));
    }

    @BeforeEach
    void freshSandbox() {
        http = WebTestClient.bindToServer().baseUrl(baseUrl()).responseTimeout(Duration.ofSeconds(10)).build();
        http.post().uri("/sandbox/reset").exchange().expectStatus().isOk();
        receiver = new NotifyReceiver();
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    protected String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    protected void faults(String json) {
        http.put().uri("/sandbox/faults").contentType(MediaType.APPLICATION_JSON).bodyValue(json)
                .exchange().expectStatus().isOk();
    }

    /** A complete, correctly signed JSAPI pay form; tests change fields to break it. */
    protected Map<String, String> payForm(String transactionId, SignatureScheme scheme) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("version", "1.0");
        form.put("transactionType", "pay");
        form.put("merchantNo", TestKeys.MERCHANT_NO);
        form.put("transactionId", transactionId);
        form.put("appId", SITE);
        form.put("amount", "1000");
        form.put("currency", "HKD");
        form.put("notifyUrl", receiver.url());
        form.put("transactionExpirationTime", "20");
        form.put("payerInfo", "{\"paymentMethod\":\"wechat_jsapi\",\"sub_appid\":\"" + TestKeys.WECHAT_APP_ID
                + "\",\"sub_openid\":\"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o\"}");
        form.put("orderInfo", "{\"subject\":\"Test goods\"}");
        form.put("echoParam", "echo-" + transactionId);
        return form;
    }

    protected static Map<String, String> signed(Map<String, String> form, SignatureScheme scheme) {
        Map<String, String> signed = new LinkedHashMap<>(form);
        signed.put("signType", scheme.type().name());
        signed.put("sign", scheme.sign(signed));
        return signed;
    }

    protected WebTestClient.ResponseSpec postApi(Map<String, String> form) {
        LinkedMultiValueMap<String, String> body = new LinkedMultiValueMap<>();
        form.forEach(body::add);
        return http.post().uri("/api").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData(body)).exchange();
    }

    protected static String orderNumber(String prefix) {
        return prefix + "-" + java.util.UUID.randomUUID().toString().substring(0, 18);
    }
}
