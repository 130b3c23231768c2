package com.merchantpay.sandbox.wechat;

import com.merchantpay.sandbox.config.SandboxProperties;
import java.time.Instant;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Per-openid state WeChat keeps: the high-risk block list and the per-minute call quota.
 * The quota window is a real minute (not scaled) opened by the user's first call, so a burst
 * of calls is never split across two calendar minutes.
 */
@Component
public class WeChatUsers {

    private static final Duration MINUTE = Duration.ofMinutes(1);

    private final Set<String> blocked = ConcurrentHashMap.newKeySet();
    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final int callsPerMinute;

    public WeChatUsers(SandboxProperties properties) {
        this.callsPerMinute = properties.wechat().callsPerMinute();
    }

    public void block(String openId) {
        blocked.add(openId);
    }

    public void unblock(String openId) {
        blocked.remove(openId);
    }

    public Set<String> blocked() {
        return Set.copyOf(blocked);
    }

    boolean isBlocked(String openId) {
        return blocked.contains(openId);
    }

    /** Counts one call against the openid's quota; false once this minute's quota is spent. */
    boolean admit(String openId, Instant now) {
        Window window = windows.merge(openId, new Window(now, 1),
                (old, fresh) -> now.isBefore(old.opened().plus(MINUTE)) ? new Window(old.opened(), old.calls() + 1) : fresh);
        return window.calls() <= callsPerMinute;
    }

    public void clear() {
        blocked.clear();
        windows.clear();
    }

    private record Window(Instant opened, int calls) {
    }
}
