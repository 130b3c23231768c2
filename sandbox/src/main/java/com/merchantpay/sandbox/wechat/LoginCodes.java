package com.merchantpay.sandbox.wechat;

import com.merchantpay.sandbox.config.SandboxProperties;
import com.merchantpay.sandbox.config.SandboxTime;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/** Codes minted for openids, each valid for the (scaled) code lifetime and usable once. */
@Component
public class LoginCodes {

    private static final char[] CODE_ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private final Map<String, LoginCode> codes = new ConcurrentHashMap<>();
    private final SandboxTime time;
    private final SecureRandom random;
    private final SandboxProperties.WeChat wechat;

    public LoginCodes(SandboxTime time, SecureRandom random, SandboxProperties properties) {
        this.time = time;
        this.random = random;
        this.wechat = properties.wechat();
    }

    /** A fresh 32-character code, shaped like WeChat's, for {@code openId} (and the configured appid by default). */
    public LoginCode mint(String openId, String unionId, String appId) {
        Instant expiresAt = time.now().plus(time.scaled(wechat.codeLifetime()));
        LoginCode code = new LoginCode(randomCode(), appId == null ? wechat.appId() : appId, openId, unionId,
                expiresAt, false);
        codes.put(code.code(), code);
        return code;
    }

    /** The code if it exists and has not expired; used codes are kept so a reuse is recognisable. */
    Optional<LoginCode> live(String code) {
        LoginCode found = codes.get(code);
        if (found == null) {
            return Optional.empty();
        }
        if (time.now().isAfter(found.expiresAt())) {
            codes.remove(code, found);
            return Optional.empty();
        }
        return Optional.of(found);
    }

    /** Marks the code used; false when a concurrent call got there first. */
    boolean consume(LoginCode code) {
        return codes.replace(code.code(), code, code.markUsed());
    }

    public void clear() {
        codes.clear();
    }

    private String randomCode() {
        char[] chars = new char[32];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = CODE_ALPHABET[random.nextInt(CODE_ALPHABET.length)];
        }
        return new String(chars);
    }
}
