package com.merchantpay.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.merchantpay.sandbox.support.MerchantSchemes;
import com.merchantpay.sandbox.support.NotifyReceiver;
import com.merchantpay.sandbox.support.TestKeys;
import com.merchantpay.useepay.signing.SignType;
import com.merchantpay.useepay.signing.SignatureScheme;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Starts a sandbox of its own with DEBUG logging so that startup, pay, query, notification and login
 * all log, then looks for any key, secret or session_key in what was printed. Pay and query carry a
 * trace id, which is logged (it is a correlation id) while nothing secret is.
 */
@ExtendWith(OutputCaptureExtension.class)
class LogSecrecyTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String TRACE_ID = "trace-secrecy-1";

    @Test
    void noKeySecretOrSessionKeyReachesTheLog(CapturedOutput output) {
        String privateKey = TestKeys.base64(TestKeys.USEEPAY.getPrivate());
        try (NotifyReceiver receiver = new NotifyReceiver();
             ConfigurableApplicationContext sandbox = new SpringApplicationBuilder(SandboxApplication.class).run(
                     "--server.port=0", "--logging.level.com.merchantpay=DEBUG", "--logging.level.org.springframework.web=DEBUG",
                     "--sandbox.time-scale=0.01",
                     "--sandbox.useepay.merchant-no=" + TestKeys.MERCHANT_NO,
                     "--sandbox.useepay.merchant-key=" + TestKeys.MERCHANT_KEY,
                     "--sandbox.useepay.merchant-public-key=" + TestKeys.base64(TestKeys.MERCHANT.getPublic()),
                     "--sandbox.useepay.useepay-private-key=" + privateKey,
                     "--sandbox.wechat.app-id=" + TestKeys.WECHAT_APP_ID,
                     "--sandbox.wechat.secret=" + TestKeys.WECHAT_SECRET)) {
            int port = ((WebServerApplicationContext) sandbox).getWebServer().getPort();
            WebTestClient http = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
            String sessionKey = exerciseEverything(http, receiver);

            assertThat(output.getAll()).contains("merchantKey=***")
                    .contains("order SECRECY-1 created (HKD 1000 minor units), trace " + TRACE_ID)
                    .contains("order SECRECY-1 queried: received, trace " + TRACE_ID)
                    .doesNotContain(TestKeys.MERCHANT_KEY)
                    .doesNotContain(TestKeys.WECHAT_SECRET)
                    .doesNotContain(privateKey.substring(40, 100))
                    .doesNotContain(sessionKey);
        }
    }

    private static String exerciseEverything(WebTestClient http, NotifyReceiver receiver) {
        SignatureScheme md5 = MerchantSchemes.of(SignType.MD5);
        Map<String, String> form = new LinkedHashMap<>(Map.of("version", "1.0", "transactionType", "pay",
                "merchantNo", TestKeys.MERCHANT_NO, "transactionId", "SECRECY-1", "appId", "shop.example.com",
                "amount", "1000", "currency", "HKD", "notifyUrl", receiver.url(),
                "payerInfo", "{\"paymentMethod\":\"wechat_jsapi\",\"sub_appid\":\"wx1\",\"sub_openid\":\"o1\"}",
                "orderInfo", "{\"subject\":\"Test goods\"}"));
        postTraced(http, form, md5);
        postTraced(http, new LinkedHashMap<>(Map.of("version", "1.0", "transactionType", "query",
                "merchantNo", TestKeys.MERCHANT_NO, "transactionId", "SECRECY-1")), md5);
        http.post().uri("/sandbox/orders/SECRECY-1/pay").exchange().expectStatus().isOk();
        await().atMost(Duration.ofSeconds(5)).until(() -> !receiver.deliveries().isEmpty());

        String code = field(http.post().uri("/sandbox/wechat/codes").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"openid\":\"o-secrecy\"}").exchange(), "code");
        String sessionKey = field(http.get().uri(uri -> uri.path("/sns/jscode2session")
                .queryParam("appid", TestKeys.WECHAT_APP_ID).queryParam("secret", TestKeys.WECHAT_SECRET)
                .queryParam("js_code", code).queryParam("grant_type", "authorization_code").build()).exchange(),
                "session_key");
        assertThat(sessionKey).isNotBlank();
        return sessionKey;
    }

    private static void postTraced(WebTestClient http, Map<String, String> form, SignatureScheme scheme) {
        form.put("signType", scheme.type().name());
        form.put("sign", scheme.sign(form));
        LinkedMultiValueMap<String, String> body = new LinkedMultiValueMap<>();
        form.forEach(body::add);
        http.post().uri("/api").header("X-Trace-Id", TRACE_ID).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData(body)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.resultCode").value(code ->
                        assertThat(code).isIn("received", "succeed"));
    }

    private static String field(WebTestClient.ResponseSpec response, String name) {
        String body = response.expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        return JSON.readValue(body, new TypeReference<Map<String, Object>>() { }).get(name).toString();
    }
}
