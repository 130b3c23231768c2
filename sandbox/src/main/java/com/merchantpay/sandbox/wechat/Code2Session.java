package com.merchantpay.sandbox.wechat;

import com.merchantpay.sandbox.config.SandboxProperties;
import com.merchantpay.sandbox.config.SandboxTime;
import com.merchantpay.sandbox.faults.Fault;
import com.merchantpay.sandbox.faults.FaultSwitchboard;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** {@code auth.code2Session}: a login code in, an openid and a fresh session_key out. */
@Component
class Code2Session {

    private static final Logger log = LoggerFactory.getLogger(Code2Session.class);

    private final LoginCodes codes;
    private final WeChatUsers users;
    private final FaultSwitchboard faults;
    private final SandboxTime time;
    private final SecureRandom random;
    private final String appId;
    private final byte[] secret;

    Code2Session(LoginCodes codes, WeChatUsers users, FaultSwitchboard faults, SandboxTime time, SecureRandom random,
                 SandboxProperties properties) {
        this.codes = codes;
        this.users = users;
        this.faults = faults;
        this.time = time;
        this.random = random;
        this.appId = properties.wechat().appId();
        this.secret = properties.wechat().secret().getBytes(StandardCharsets.UTF_8);
    }

    Outcome exchange(String requestAppId, String requestSecret, String code, String grantType) {
        if (faults.fires(Fault.WECHAT_BUSY)) {
            return new Outcome.Failure(WeChatError.BUSY);
        }
        if (!"authorization_code".equals(grantType)) {
            return new Outcome.Failure(WeChatError.INVALID_GRANT_TYPE);
        }
        if (!appId.equals(requestAppId) || !secretMatches(requestSecret)) {
            return new Outcome.Failure(WeChatError.INVALID_APP_SECRET);
        }
        Optional<LoginCode> live = code == null ? Optional.empty() : codes.live(code);
        if (live.isEmpty() || !live.get().appId().equals(requestAppId)) {
            return new Outcome.Failure(WeChatError.INVALID_CODE);
        }
        return redeem(live.get());
    }

    private Outcome redeem(LoginCode code) {
        if (code.used()) {
            return new Outcome.Failure(WeChatError.CODE_USED);
        }
        if (!users.admit(code.openId(), time.now())) {
            return new Outcome.Failure(WeChatError.RATE_LIMITED);
        }
        if (users.isBlocked(code.openId())) {
            return new Outcome.Failure(WeChatError.HIGH_RISK_USER);
        }
        if (!codes.consume(code)) {
            return new Outcome.Failure(WeChatError.CODE_USED);
        }
        byte[] sessionKey = new byte[16];
        random.nextBytes(sessionKey);
        log.info("code2Session issued a session for openid {}", code.openId());
        return new Outcome.Session(code.openId(), code.unionId(), Base64.getEncoder().encodeToString(sessionKey));
    }

    /** Constant time, so response timing does not reveal how much of a guessed secret was right. */
    private boolean secretMatches(String presented) {
        return presented != null && MessageDigest.isEqual(secret, presented.getBytes(StandardCharsets.UTF_8));
    }

    sealed interface Outcome {
        record Session(String openId, String unionId, String sessionKey) implements Outcome {
            @Override
            public String toString() {
                return "Session[openId=" + openId + ", sessionKey=***]";
            }
        }

        record Failure(WeChatError error) implements Outcome {
        }
    }
}
