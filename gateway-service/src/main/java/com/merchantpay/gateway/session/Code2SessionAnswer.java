package com.merchantpay.gateway.session;

/**
 * What one code2Session call told us. The reply's {@code session_key} is never read into any of
 * these: the gateway has no use for it, so it is dropped with the raw body.
 */
sealed interface Code2SessionAnswer {

    /** The code was good: WeChat named the user. */
    record Session(String openId, String unionId) implements Code2SessionAnswer {
    }

    /** WeChat answered with an {@code errcode}; {@code errmsg} carries WeChat's request id. */
    record Refused(int errcode, String errmsg) implements Code2SessionAnswer {
        static final int BUSY = -1;
        static final int INVALID_CODE = 40029;
        static final int CODE_USED = 40163;
        static final int HIGH_RISK_USER = 40226;
        static final int RATE_LIMITED = 45011;
        static final int INVALID_SECRET = 40125;
    }

    /** The reply could not be used: not JSON, an HTTP error status, or success without an openid. */
    record Broken(String cause) implements Code2SessionAnswer {
    }

    /** WeChat could not be reached in time. */
    record Unreachable(String cause) implements Code2SessionAnswer {
    }
}
