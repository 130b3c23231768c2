package com.merchantpay.gateway.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.merchantpay.gateway.support.TestIdentities;
import com.merchantpay.gateway.support.GatewayInstance;
import com.merchantpay.testsupport.Sandbox;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The client's reading of code2Session replies, against the sandbox over real HTTP. */
class WeChatSessionClientIT {

    private final Sandbox sandbox = GatewayInstance.sandbox();
    private final String appSecret = sandbox.secrets().weChatAppSecret();

    @Test
    void aSuccessNamesTheUserAndDropsTheSessionKey() {
        String openId = TestIdentities.openId();
        Code2SessionAnswer answer = client(sandbox.baseUrl().toString(), appSecret).exchange(sandbox.admin().mintLoginCode(openId)).block();

        assertThat(answer).isEqualTo(new Code2SessionAnswer.Session(openId, null));
        assertThat(answer.toString()).doesNotContain("session_key");
    }

    @Test
    void aReplyThatIsNotCode2sessionIsBroken() {
        // The sandbox answers this path with a 404: a proxy or a wrong base URL looks like this.
        Code2SessionAnswer answer = client(sandbox.baseUrl() + "/not-wechat", appSecret).exchange("A".repeat(32)).block();

        assertThat(answer).isInstanceOf(Code2SessionAnswer.Broken.class);
    }

    @Test
    void nobodyListeningIsUnreachableAndNamesNoUrl() {
        Code2SessionAnswer answer = client("http://127.0.0.1:1", appSecret).exchange("A".repeat(32)).block();

        assertThat(answer).isInstanceOf(Code2SessionAnswer.Unreachable.class);
        assertThat(answer.toString()).doesNotContain(appSecret, "127.0.0.1");
    }

    private WeChatSessionClient client(String baseUrl, String secret) {
        return new WeChatSessionClient(new WeChatProperties(baseUrl, sandbox.secrets().weChatAppId(), secret,
                Duration.ofSeconds(3), Duration.ofMillis(50), Duration.ofMinutes(5)), JsonMapper.builder().build());
    }
}
