package com.merchantpay.gateway.session;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.merchantpay.events.identity.UserLoggedIn;
import com.merchantpay.gateway.events.EventPublisher;
import com.merchantpay.gateway.problem.ApiProblem;
import com.merchantpay.gateway.problem.ProblemCode;
import com.merchantpay.gateway.ratelimit.RateLimits;
import com.merchantpay.schemas.ids.EventIds;
import com.merchantpay.schemas.topics.PaymentTopics;
import com.merchantpay.schemas.tracing.TraceHeaders;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * wx.login code → code2Session → our own token → {@code UserLoggedIn}. A code's successful
 * answer is remembered (under a keyed digest of the code) for the code's 5-minute life, so a
 * client that retries the same login, even concurrently, gets the same token instead of WeChat's
 * "code already used". Failures are not remembered: a retry after "busy" should really retry.
 *
 * <p>The memory is per instance; see the README for what a retry that lands on another instance gets.
 */
@Component
class LoginFlow {

    private static final Logger log = LoggerFactory.getLogger(LoginFlow.class);
    private static final Marker ALERT = MarkerFactory.getMarker("ALERT");
    /** wx.login codes are 32 printable characters today; leave room, refuse anything that could inject. */
    private static final Pattern CODE_SHAPE = Pattern.compile("[A-Za-z0-9_-]{16,128}");
    /** WeChat allows about 100 code2Session calls a minute per user. */
    private static final Duration WECHAT_QUOTA_WINDOW = Duration.ofMinutes(1);
    private static final Duration BUSY_RETRY_AFTER = Duration.ofSeconds(2);

    private final WeChatSessionClient wechat;
    private final SessionTokens tokens;
    private final GatewayKeys keys;
    private final EventPublisher events;
    private final RateLimits limits;
    private final MeterRegistry meters;
    private final Clock clock;
    private final AsyncCache<String, Login> answeredCodes;

    LoginFlow(WeChatSessionClient wechat, SessionTokens tokens, GatewayKeys keys, EventPublisher events,
              RateLimits limits, MeterRegistry meters, Clock clock, WeChatProperties properties) {
        this.wechat = wechat;
        this.tokens = tokens;
        this.keys = keys;
        this.events = events;
        this.limits = limits;
        this.meters = meters;
        this.clock = clock;
        this.answeredCodes = Caffeine.newBuilder().expireAfterWrite(properties.codeMemory()).maximumSize(1_000_000).buildAsync();
    }

    /** The login for this code: fresh, or the one already given for it. */
    Mono<Login> logIn(String code, String traceId) {
        return Mono.deferContextual(context -> {
            if (code == null || !CODE_SHAPE.matcher(code).matches()) {
                throw ApiProblem.of(ProblemCode.LOGIN_CODE_MALFORMED, "Send the code from wx.login unchanged");
            }
            String digest = keys.loginCodeDigest(code);
            boolean known = answeredCodes.getIfPresent(digest) != null;
            // suppressCancel: one caller hanging up must not cancel the login that others share.
            // contextWrite: the shared login runs outside this request's chain; keep its trace id in the MDC.
            return Mono.fromFuture(answeredCodes.get(digest,
                            (key, executor) -> fresh(code, digest, traceId).contextWrite(context).toFuture()), true)
                    .doOnNext(login -> limits.admitOpenId(login.openId()))
                    .doOnSuccess(login -> count(known ? "reused" : "issued"));
        }).doOnError(ApiProblem.class, problem -> count(problem.code().name().toLowerCase()));
    }

    private Mono<Login> fresh(String code, String digest, String traceId) {
        return wechat.exchange(code)
                .map(this::loginOrProblem)
                .flatMap(session -> {
                    SessionTokens.IssuedToken token = tokens.issue(session.openId());
                    UserLoggedIn event = UserLoggedIn.newBuilder()
                            .setEventId(EventIds.deterministic("UserLoggedIn", digest))
                            .setOccurredAt(clock.instant())
                            .setOpenId(session.openId())
                            .setUnionId(session.unionId())
                            .setTraceId(traceId)
                            .build();
                    return events.publish(PaymentTopics.USER_LOGINS.name(), session.openId(), null, traceId, event)
                            .doOnSuccess(recorded -> logWithTrace(traceId, "login accepted, token valid until {}",
                                    token.expiresAt()))
                            .thenReturn(new Login(session.openId(), token));
                });
    }

    private static void logWithTrace(String traceId, String message, Object argument) {
        try (MDC.MDCCloseable trace = MDC.putCloseable(TraceHeaders.MDC_KEY, traceId)) {
            log.info(message, argument);
        }
    }

    private Code2SessionAnswer.Session loginOrProblem(Code2SessionAnswer answer) {
        return switch (answer) {
            case Code2SessionAnswer.Session session -> session;
            case Code2SessionAnswer.Refused refused -> throw refusal(refused);
            case Code2SessionAnswer.Broken broken -> throw badGateway("code2Session reply unusable: " + broken.cause());
            case Code2SessionAnswer.Unreachable unreachable -> {
                log.warn("code2Session unreachable: {}", unreachable.cause());
                throw ApiProblem.retryAfter(ProblemCode.WECHAT_UNAVAILABLE, "WeChat did not answer in time", BUSY_RETRY_AFTER);
            }
        };
    }

    private ApiProblem refusal(Code2SessionAnswer.Refused refused) {
        return switch (refused.errcode()) {
            case Code2SessionAnswer.Refused.INVALID_CODE, Code2SessionAnswer.Refused.CODE_USED ->
                    ApiProblem.withExtensions(ProblemCode.LOGIN_CODE_REJECTED, "WeChat did not accept the code",
                            java.util.Map.of("wechatErrcode", refused.errcode()));
            case Code2SessionAnswer.Refused.HIGH_RISK_USER ->
                    ApiProblem.of(ProblemCode.USER_BLOCKED, "WeChat refuses this user's login");
            case Code2SessionAnswer.Refused.RATE_LIMITED ->
                    ApiProblem.retryAfter(ProblemCode.WECHAT_RATE_LIMITED, "WeChat's login quota for this user is spent", WECHAT_QUOTA_WINDOW);
            case Code2SessionAnswer.Refused.BUSY ->
                    ApiProblem.retryAfter(ProblemCode.WECHAT_BUSY, "WeChat stayed busy after one retry", BUSY_RETRY_AFTER);
            case Code2SessionAnswer.Refused.INVALID_SECRET -> badGateway("code2Session says the app secret is invalid (errcode 40125)");
            default -> badGateway("code2Session answered unknown errcode " + refused.errcode());
        };
    }

    /** Our configuration or WeChat is broken: nobody can log in until a human looks. */
    private static ApiProblem badGateway(String cause) {
        log.error(ALERT, "ALERT login impossible: {}", cause);
        return ApiProblem.of(ProblemCode.WECHAT_BAD_GATEWAY, "Logins are failing on our side; retry later");
    }

    private void count(String outcome) {
        meters.counter("gateway.logins", "outcome", outcome).increment();
    }

    /** A finished login; the openid stays on the server, the token goes to the client. */
    record Login(String openId, SessionTokens.IssuedToken token) {
    }
}
