package com.merchantpay.sandbox.wechat;

import com.merchantpay.sandbox.config.SandboxProperties;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Per-openid state WeChat keeps: the high-risk block list and the per-minute call quota.
 * The quota window is a real minute (not scaled) so that a quota test does not race the clock.
 */
@Component
public class WeChatUsers {

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
        Instant minute = now.truncatedTo(ChronoUnit.MINUTES);
        Window window = windows.merge(openId, new Window(minute, 1),
                (old, fresh) -> old.minute().equals(minute) ? new Window(minute, old.calls() + 1) : fresh);
        return window.calls() <= callsPerMinute;
    }

    public void clear() {
        blocked.clear();
        windows.clear();
    }

    private record Window(Instant minute, int calls) {
    }
}
