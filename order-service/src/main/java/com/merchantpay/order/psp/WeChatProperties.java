package com.merchantpay.order.psp;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** @param appId the Mini Program's WeChat appid, sent to UseePay as {@code sub_appid} */
@Validated
@ConfigurationProperties("wechat")
public record WeChatProperties(@NotBlank String appId) {
}
