package com.merchantpay.sandbox.wechat;

import java.time.Instant;

/** A code {@code wx.login} would have handed the Mini Program, minted here by a test. */
public record LoginCode(String code, String appId, String openId, String unionId, Instant expiresAt, boolean used) {

    LoginCode markUsed() {
        return new LoginCode(code, appId, openId, unionId, expiresAt, true);
    }
}
