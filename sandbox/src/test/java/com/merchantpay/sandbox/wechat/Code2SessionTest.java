package com.merchantpay.sandbox.wechat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.merchantpay.sandbox.support.SandboxTestBase;
import com.merchantpay.sandbox.support.TestKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** {@code GET /sns/jscode2session}: success and every error code the contract lists. */
class Code2SessionTest extends SandboxTestBase {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private String mint(String openid) {
        return mintWith("{\"openid\":\"" + openid + "\",\"unionid\":\"u-" + openid + "\"}");
    }

    private String mintWith(String json) {
        String body = http.post().uri("/sandbox/wechat/codes").header("Content-Type", "application/json")
                .bodyValue(json).exchange().expectStatus().isOk().expectBody(String.class).returnResult()
                .getResponseBody();
        return JSON.readValue(body, new TypeReference<Map<String, String>>() { }).get("code");
    }

    private Map<String, Object> exchange(String appid, String secret, String code) {
        String body = http.get().uri(uri -> uri.path("/sns/jscode2session").queryParam("appid", appid)
                        .queryParam("secret", secret).queryParam("js_code", code)
                        .queryParam("grant_type", "authorization_code").build())
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        return JSON.readValue(body, new TypeReference<>() { });
    }

    private Map<String, Object> exchange(String code) {
        return exchange(TestKeys.WECHAT_APP_ID, TestKeys.WECHAT_SECRET, code);
    }

    private static void assertError(Map<String, Object> reply, int errcode) {
        assertThat(reply).containsEntry("errcode", errcode).doesNotContainKey("session_key");
        assertThat((String) reply.get("errmsg")).matches(".+, rid: [0-9a-f]{24}");
    }

    @Test
    void aMintedCodeYieldsTheOpenidAndA16ByteSessionKey() {
        String openid = "o-" + orderNumber("ok");
        Map<String, Object> reply = exchange(mint(openid));

        assertThat(reply).containsEntry("openid", openid).containsEntry("unionid", "u-" + openid)
                .doesNotContainKey("errcode");
        assertThat(Base64.getDecoder().decode((String) reply.get("session_key"))).hasSize(16);
    }

    @Test
    void eachLoginGetsANewSessionKey() {
        String openid = "o-" + orderNumber("rotate");
        Object first = exchange(mint(openid)).get("session_key");
        Object second = exchange(mint(openid)).get("session_key");

        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void aCodeWorksOnceThen40163() {
        String code = mint("o-" + orderNumber("once"));
        exchange(code);

        assertError(exchange(code), 40163);
    }

    @Test
    void anUnknownCodeIs40029() {
        assertError(exchange("0a3Yx9000nothing00000000000000ab"), 40029);
    }

    @Test
    void aCodeForAnotherAppidIs40029() {
        String code = mintWith("{\"openid\":\"o-other\",\"appid\":\"wx0000000000other\"}");

        assertError(exchange(code), 40029);
    }

    @Test
    void aCodeExpiresAfterFiveScaledMinutes() {
        String body = http.post().uri("/sandbox/wechat/codes").header("Content-Type", "application/json")
                .bodyValue("{\"openid\":\"o-late\"}").exchange().expectBody(String.class).returnResult()
                .getResponseBody();
        Map<String, String> minted = JSON.readValue(body, new TypeReference<>() { });
        Instant expiresAt = Instant.parse(minted.get("expiresAt"));
        assertThat(Duration.between(Instant.now(), expiresAt)).isLessThanOrEqualTo(Duration.ofSeconds(3)); // 5 min × 0.01

        // Using the code to poll would burn it, so wait for the moment it expires, then use it once.
        await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(expiresAt));
        assertError(exchange(minted.get("code")), 40029);
    }

    @Test
    void aBlockedUserIs40226() {
        String openid = "o-" + orderNumber("risk");
        http.put().uri("/sandbox/wechat/blocked/" + openid).exchange().expectStatus().isOk();

        assertError(exchange(mint(openid)), 40226);
        http.delete().uri("/sandbox/wechat/blocked/" + openid).exchange().expectStatus().isOk();
        assertThat(exchange(mint(openid))).containsEntry("openid", openid);
    }

    @Test
    void morePerMinuteCallsThanTheQuotaAre45011() {
        String openid = "o-" + orderNumber("quota");
        for (int call = 0; call < 5; call++) { // sandbox.wechat.calls-per-minute=5 in the tests
            assertThat(exchange(mint(openid))).containsEntry("openid", openid);
        }
        assertError(exchange(mint(openid)), 45011);
    }

    @Test
    void aWrongSecretOrAppidIs40125() {
        String code = mint("o-" + orderNumber("secret"));

        assertError(exchange(TestKeys.WECHAT_APP_ID, "not-the-secret", code), 40125);
        assertError(exchange("wx0000000000wrong", TestKeys.WECHAT_SECRET, code), 40125);
        assertThat(exchange(code)).containsKey("session_key");
    }

    @Test
    void theBusySwitchAnswersMinusOneForTheNextCalls() {
        faults("{\"rules\":{\"WECHAT_BUSY\":{\"next\":2}}}");
        String code = mint("o-" + orderNumber("busy"));

        assertError(exchange(code), -1);
        assertError(exchange(code), -1);
        assertThat(exchange(code)).containsKey("session_key");
    }

    @Test
    void aShareOfOneMakesEveryCallBusy() {
        faults("{\"rules\":{\"WECHAT_BUSY\":{\"share\":1.0}}}");

        assertError(exchange(mint("o-" + orderNumber("allbusy"))), -1);
    }
}
