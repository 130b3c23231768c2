package com.merchantpay.sandbox.notification;

import com.merchantpay.sandbox.config.SandboxProperties;
import com.merchantpay.sandbox.config.SandboxTime;
import com.merchantpay.sandbox.config.UseePayKeys;
import com.merchantpay.sandbox.counters.SandboxCounters;
import com.merchantpay.sandbox.faults.Fault;
import com.merchantpay.sandbox.faults.FaultSwitchboard;
import com.merchantpay.sandbox.tracing.TraceId;
import com.merchantpay.useepay.signing.SignatureScheme;
import io.netty.channel.ChannelOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * Sends notifications to the merchant the way UseePay does: form-urlencoded, signed, resent on
 * the (time-scaled) retry schedule until a 200. Each delivery, forged copies included, carries the
 * order's trace id as {@code X-Trace-Id}. Everything is a reactive chain on timers, so a
 * thousand pending retries cost a thousand timer entries, not a thousand threads.
 */
@Component
public class NotificationDispatcher {

    private static final Logger log = LoggerFactory.getLogger(NotificationDispatcher.class);

    private final WebClient webClient;
    private final UseePayKeys keys;
    private final FaultSwitchboard faults;
    private final SandboxCounters counters;
    private final SandboxTime time;
    private final Duration responseTimeout;
    /** Bumped by {@link #abandonAll()}; a delivery chain from an older generation stops at its next step. */
    private final AtomicLong generation = new AtomicLong();

    public NotificationDispatcher(SandboxProperties properties, UseePayKeys keys, FaultSwitchboard faults,
                                  SandboxCounters counters, SandboxTime time) {
        this.keys = keys;
        this.faults = faults;
        this.counters = counters;
        this.time = time;
        this.responseTimeout = properties.notifications().responseTimeout();
        this.webClient = WebClient.builder().clientConnector(new ReactorClientHttpConnector(
                HttpClient.create(ConnectionProvider.builder("notifications").maxConnections(256)
                                .pendingAcquireMaxCount(-1).build())
                        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(5_000, responseTimeout.toMillis()))
                        .responseTimeout(responseTimeout)))
                .build();
    }

    /** Fire and forget: the outcome shows in the counters. */
    public void dispatch(Notification notification) {
        deliveryOf(notification).subscribe();
    }

    /** Dispatches {@code second} once {@code wait} has passed, e.g. a payment racing an expiry. */
    public void dispatchLater(Notification second, Duration wait) {
        long current = generation.get();
        Mono.delay(wait).filter(tick -> current == generation.get()).subscribe(tick -> dispatch(second));
    }

    /** Stops every pending delivery and retry (used by reset). */
    public void abandonAll() {
        generation.incrementAndGet();
    }

    Mono<Void> deliveryOf(Notification notification) {
        if (faults.fires(Fault.NOTIFY_DROP, notification::concerns)) {
            counters.notificationDropped(notification.counterKey());
            log.info("notification for {} dropped by fault switch, trace {}", notification.counterKey(),
                    notification.traceId());
            return Mono.empty();
        }
        long current = generation.get();
        Map<String, String> signed = sign(notification);
        // Decided now, like the forgeries and the hold: a test that clears its faults once it sees
        // the outcome must not take back a duplicate this notification was sent under.
        boolean duplicated = faults.fires(Fault.NOTIFY_DUPLICATE, notification::concerns);
        Mono<Void> delivery = sendForgeries(notification, current)
                .then(deliverWithRetries(notification, signed, 0, current))
                .then(duplicated ? duplicateOf(notification, signed, current) : Mono.empty());
        Duration hold = holdBeforeSending(notification);
        return hold.isZero() ? delivery : Mono.delay(hold).then(delivery);
    }

    private Duration holdBeforeSending(Notification notification) {
        if (!faults.fires(Fault.NOTIFY_DELAY, notification::concerns)) {
            return Duration.ZERO;
        }
        // Between half the maximum and the maximum: random enough to shuffle a stream of
        // notifications, long enough that one sent right after is sure to overtake it.
        long maxMillis = Math.max(2, faults.settings().notificationMaxDelay().toMillis());
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(maxMillis / 2, maxMillis + 1));
    }

    private Mono<Void> deliverWithRetries(Notification notification, Map<String, String> signed, int retry,
                                          long current) {
        return Mono.defer(() -> current != generation.get() ? Mono.empty()
                : attempt(notification, signed).flatMap(acknowledged -> {
                    if (acknowledged) {
                        return Mono.empty();
                    }
                    return RetrySchedule.waitBefore(retry)
                            .map(wait -> Mono.delay(time.scaled(wait))
                                    .then(deliverWithRetries(notification, signed, retry + 1, current)))
                            .orElseGet(() -> giveUp(notification));
                }));
    }

    private Mono<Void> giveUp(Notification notification) {
        log.info("notification for {} unacknowledged after the last retry; UseePay gives up, trace {}",
                notification.counterKey(), notification.traceId());
        return Mono.empty();
    }

    /** The same signed notification once more after the merchant's 200, as UseePay sometimes does. */
    private Mono<Void> duplicateOf(Notification notification, Map<String, String> signed, long current) {
        return Mono.defer(() -> current == generation.get() ? attempt(notification, signed).then() : Mono.empty());
    }

    /** Tampered copies go out once each, before the genuine notification, and are never retried. */
    private Mono<Void> sendForgeries(Notification genuine, long current) {
        Mono<Void> chain = Mono.empty();
        for (Forgery forgery : Forgery.values()) {
            if (faults.fires(forgery.fault, genuine::concerns)) {
                Map<String, String> forged = forgery.forge(genuine, this);
                chain = chain.then(Mono.defer(() -> {
                    if (current != generation.get()) {
                        return Mono.empty();
                    }
                    counters.forgedNotificationSent(genuine.counterKey());
                    return post(genuine, forged).then();
                }));
            }
        }
        return chain;
    }

    /** One HTTP attempt; true when the merchant answered 200. */
    private Mono<Boolean> attempt(Notification notification, Map<String, String> signed) {
        counters.notificationSent(notification.counterKey());
        return post(notification, signed).doOnNext(acknowledged -> {
            if (acknowledged) {
                counters.notificationAcknowledged(notification.counterKey());
            }
        });
    }

    /** POSTs {@code fields} (the notification's, signed, or a forged copy) to its notify URL. */
    private Mono<Boolean> post(Notification notification, Map<String, String> fields) {
        String url = notification.notifyUrl();
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        fields.forEach(form::add);
        return webClient.post().uri(url)
                .headers(headers -> {
                    if (notification.traceId() != null) {
                        headers.set(TraceId.HTTP_HEADER, notification.traceId());
                    }
                    if (notification.traceparent() != null) {
                        headers.set(TraceId.TRACEPARENT_HEADER, notification.traceparent());
                    }
                })
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData(form))
                .exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().value() == 200))
                .timeout(responseTimeout.plusSeconds(1))
                .onErrorResume(error -> {
                    log.debug("notification to {} failed: {}", url, error.toString());
                    return Mono.just(false);
                });
    }

    Map<String, String> sign(Notification notification) {
        SignatureScheme scheme = keys.forSignType(notification.signType()).orElse(keys.md5());
        Map<String, String> signed = new LinkedHashMap<>(notification.fields());
        signed.put("signType", scheme.type().name());
        signed.put("sign", scheme.sign(signed));
        return signed;
    }

    /** The ways a notification can be forged or corrupted, each a test of the merchant's checks. */
    private enum Forgery {
        BAD_SIGNATURE(Fault.NOTIFY_BAD_SIGNATURE) {
            @Override
            Map<String, String> forge(Notification genuine, NotificationDispatcher dispatcher) {
                Map<String, String> signed = dispatcher.sign(genuine);
                // Signed over a different amount, then the real amount put back: the signature is
                // well-formed and by the right key, it just does not cover what arrived.
                Map<String, String> other = dispatcher.sign(genuine.with("amount", genuine.fields().get("amount") + "1"));
                signed.put("sign", other.get("sign"));
                return signed;
            }
        },
        WRONG_AMOUNT(Fault.NOTIFY_WRONG_AMOUNT) {
            @Override
            Map<String, String> forge(Notification genuine, NotificationDispatcher dispatcher) {
                long amount = Long.parseLong(genuine.fields().get("amount"));
                return dispatcher.sign(genuine.with("amount", Long.toString(amount + 1)));
            }
        },
        WRONG_CURRENCY(Fault.NOTIFY_WRONG_CURRENCY) {
            @Override
            Map<String, String> forge(Notification genuine, NotificationDispatcher dispatcher) {
                String other = "USD".equals(genuine.fields().get("currency")) ? "HKD" : "USD";
                return dispatcher.sign(genuine.with("currency", other));
            }
        },
        WRONG_MERCHANT(Fault.NOTIFY_WRONG_MERCHANT) {
            @Override
            Map<String, String> forge(Notification genuine, NotificationDispatcher dispatcher) {
                return dispatcher.sign(genuine.with("merchantNo", "999" + genuine.fields().get("merchantNo")));
            }
        };

        final Fault fault;

        Forgery(Fault fault) {
            this.fault = fault;
        }

        abstract Map<String, String> forge(Notification genuine, NotificationDispatcher dispatcher);
    }
}
