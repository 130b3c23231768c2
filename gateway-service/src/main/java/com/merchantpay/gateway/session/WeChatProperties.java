package com.merchantpay.gateway.session;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the gateway reaches WeChat's code2Session. {@link #toString()} never shows the secret.
 *
 * @param baseUrl        {@code https://api.weixin.qq.com} in production, the sandbox elsewhere
 * @param appId          the Mini Program's appid
 * @param appSecret      from the environment only ({@code WECHAT_APP_SECRET}, see application.yml)
 * @param timeout        one code2Session call, connect to last byte
 * @param busyRetryDelay the pause before the single retry of errcode -1
 * @param codeMemory     how long a used code's answer is remembered: a code lives 5 minutes
 */
@Validated
@ConfigurationProperties("gateway.wechat")
public record WeChatProperties(
        @NotBlank String baseUrl,
        @NotBlank String appId,
        @NotBlank(message = "set WECHAT_APP_SECRET") String appSecret,
        @NotNull @DefaultValue("3s") Duration timeout,
        @NotNull @DefaultValue("200ms") Duration busyRetryDelay,
        @NotNull @DefaultValue("5m") Duration codeMemory) {

    @Override
    public String toString() {
        return "WeChatProperties[baseUrl=" + baseUrl + ", appId=" + appId + ", appSecret=***, timeout=" + timeout
                + ", busyRetryDelay=" + busyRetryDelay + ", codeMemory=" + codeMemory + "]";
    }
}
