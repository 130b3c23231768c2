package com.merchantpay.sandbox.wechat;

/** The code2Session failures the contract lists, with WeChat's own wording. */
public enum WeChatError {
    BUSY(-1, "system error"),
    INVALID_GRANT_TYPE(40002, "invalid grant_type"),
    INVALID_CODE(40029, "invalid code"),
    INVALID_APP_SECRET(40125, "invalid appsecret"),
    CODE_USED(40163, "code been used"),
    HIGH_RISK_USER(40226, "high risk user, login blocked"),
    RATE_LIMITED(45011, "api minute-quota reach limit  mustslower  retry next minute");

    private final int errcode;
    private final String errmsg;

    WeChatError(int errcode, String errmsg) {
        this.errcode = errcode;
        this.errmsg = errmsg;
    }

    public int errcode() {
        return errcode;
    }

    public String errmsg() {
        return errmsg;
    }
}
