package com.merchantpay.gateway.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.merchantpay.gateway.problem.ApiProblem;
import com.merchantpay.gateway.problem.ProblemCode;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Per-IP and per-openid token buckets (Bucket4j), kept in memory per instance. Idle buckets are
 * dropped after their period, when they would be full again anyway, so memory follows the number of
 * active callers. With N instances behind a balancer a caller gets up to N times the limit; that is
 * accepted: the limits protect this instance and WeChat's quota, not a billing rule.
 */
@Component
public class RateLimits {

    private final Limiter perIp;
    private final Limiter perOpenId;

    public RateLimits(RateLimitProperties properties) {
        this.perIp = new Limiter("client IP", properties.perIp());
        this.perOpenId = new Limiter("user", properties.perOpenId());
    }

    /** Takes one token for the IP or fails with {@code RATE_LIMITED} + Retry-After. */
    public void admitIp(String ip) {
        perIp.admit(ip);
    }

    /** Takes one token for the openid or fails with {@code RATE_LIMITED} + Retry-After. */
    public void admitOpenId(String openId) {
        perOpenId.admit(openId);
    }

    private static final class Limiter {
        private final String subject;
        private final RateLimitProperties.Limit limit;
        private final Cache<String, Bucket> buckets;

        Limiter(String subject, RateLimitProperties.Limit limit) {
            this.subject = subject;
            this.limit = limit;
            this.buckets = Caffeine.newBuilder().expireAfterAccess(limit.period()).maximumSize(1_000_000).build();
        }

        void admit(String key) {
            Bucket bucket = buckets.get(key, k -> Bucket.builder()
                    .addLimit(l -> l.capacity(limit.capacity()).refillGreedy(limit.capacity(), limit.period()))
                    .build());
            ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
            if (!probe.isConsumed()) {
                throw ApiProblem.retryAfter(ProblemCode.RATE_LIMITED, "Too many requests for this " + subject,
                        Duration.ofNanos(probe.getNanosToWaitForRefill()));
            }
        }
    }
}
