package com.merchantpay.gateway.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.merchantpay.gateway.fixture.TestIdentities;
import com.merchantpay.gateway.fixture.WeChatSandbox;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The client's reading of code2Session replies, against the sandbox over real HTTP. */
class WeChatSessionClientTest {

    private final WeChatSandbox sandbox = WeChatSandbox.get();

    @Test
    void a_success_names_the_user_and_drops_the_session_key() {
        String openId = TestIdentities.openId();
        Code2SessionAnswer answer = client(sandbox.baseUrl(), WeChatSandbox.APP_SECRET).exchange(sandbox.mintCode(openId)).block();

        assertThat(answer).isEqualTo(new Code2SessionAnswer.Session(openId, null));
        assertThat(answer.toString()).doesNotContain("session_key");
    }

    @Test
    void a_reply_that_is_not_code2session_is_broken() {
        // The sandbox answers this path with a 404: a proxy or a wrong base URL looks like this.
        Code2SessionAnswer answer = client(sandbox.baseUrl() + "/not-wechat", WeChatSandbox.APP_SECRET).exchange("A".repeat(32)).block();

        assertThat(answer).isInstanceOf(Code2SessionAnswer.Broken.class);
    }

    @Test
    void nobody_listening_is_unreachable_and_names_no_url() {
        Code2SessionAnswer answer = client("http://127.0.0.1:1", WeChatSandbox.APP_SECRET).exchange("A".repeat(32)).block();

        assertThat(answer).isInstanceOf(Code2SessionAnswer.Unreachable.class);
        assertThat(answer.toString()).doesNotContain(WeChatSandbox.APP_SECRET, "127.0.0.1");
    }

    private static WeChatSessionClient client(String baseUrl, String secret) {
        return new WeChatSessionClient(new WeChatProperties(baseUrl, WeChatSandbox.APP_ID, secret,
                Duration.ofSeconds(3), Duration.ofMillis(50), Duration.ofMinutes(5)), JsonMapper.builder().build());
    }
}
