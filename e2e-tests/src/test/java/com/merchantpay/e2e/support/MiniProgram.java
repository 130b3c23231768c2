package com.merchantpay.e2e.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.merchantpay.testsupport.SandboxAdmin;
import java.net.URI;
import java.util.Map;

/**
 * The Mini Program's side of the gateway: {@code wx.login} (a code minted by the sandbox, which
 * plays WeChat) and {@code POST /api/v1/sessions}. A logged-in user is a {@link Shopper}.
 */
public final class MiniProgram {

    private final URI gateway;
    private final SandboxAdmin weChat;
    private final JsonHttp http;

    MiniProgram(URI gateway, SandboxAdmin weChat, JsonHttp http) {
        this.gateway = gateway;
        this.weChat = weChat;
        this.http = http;
    }

    public Shopper logIn(String openId) {
        String code = weChat.mintLoginCode(openId);
        JsonHttp.Reply reply = http.post(gateway.resolve("/api/v1/sessions"), Map.of("code", code), Map.of());
        assertThat(reply.status()).as("login of %s: %s", openId, reply.body()).isEqualTo(200);
        String token = reply.body().path("token").asString();
        assertThat(token).as("login token").isNotBlank();
        return new Shopper(gateway, token, http);
    }
}
