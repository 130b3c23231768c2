package com.merchantpay.notify.ingest;

import com.merchantpay.schemas.tracing.TraceHeaders;
import com.merchantpay.schemas.tracing.TraceIds;
import io.micrometer.observation.Observation;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import com.merchantpay.useepay.form.MalformedFormException;
import com.merchantpay.useepay.form.UrlEncodedForm;
import com.merchantpay.useepay.notification.NotificationVerdict;
import com.merchantpay.useepay.notification.NotificationVerifier;
import com.merchantpay.useepay.notification.NotificationVerdict.RefusalReason;
import com.merchantpay.useepay.notification.PaymentNotification;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code POST /useepay/notifications}: UseePay's notify URL. 200 {@code OK} means "durably written
 * to Kafka", nothing less; every other answer makes UseePay retry, which is what a forged, broken or
 * unrecorded notification should get. Refusals answer {@code {"code": ..., "message": ...}}.
 */
final class NotificationEndpoint {

    static final String PATH = "/useepay/notifications";
    private static final Logger log = LoggerFactory.getLogger(NotificationEndpoint.class);
    static final String UNSUPPORTED_MEDIA_TYPE = "UNSUPPORTED_MEDIA_TYPE";
    static final String MALFORMED_FORM = "MALFORMED_FORM";
    static final String BODY_TOO_LARGE = "BODY_TOO_LARGE";

    /** Every reason a notification is refused for: the endpoint's own and the verifier's. */
    static List<String> refusals() {
        List<String> refusals = new ArrayList<>(List.of(UNSUPPORTED_MEDIA_TYPE, MALFORMED_FORM, BODY_TOO_LARGE));
        Arrays.stream(RefusalReason.values()).map(RefusalReason::name).forEach(refusals::add);
        return refusals;
    }

    private static final Pattern TRACE_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final NotificationVerifier verification;
    private final NotificationRecorder recorder;
    private final IngestMetrics metrics;
    private final IngestProperties properties;

    NotificationEndpoint(NotificationVerifier verification, NotificationRecorder recorder, IngestMetrics metrics,
                         IngestProperties properties) {
        this.verification = verification;
        this.recorder = recorder;
        this.metrics = metrics;
        this.properties = properties;
    }

    Mono<ServerResponse> receive(ServerRequest request) {
        long started = System.nanoTime();
        if (!isForm(request)) {
            return refuse(started, HttpStatus.UNSUPPORTED_MEDIA_TYPE, UNSUPPORTED_MEDIA_TYPE,
                    "the body must be application/x-www-form-urlencoded");
        }
        if (request.headers().contentLength().orElse(0) > properties.maxBodyBytes()) {
            return tooLarge(started);
        }
        String traceId = traceId(request);
        return DataBufferUtils.join(request.body(BodyExtractors.toDataBuffers()), properties.maxBodyBytes())
                .map(buffer -> {
                    byte[] bytes = new byte[buffer.readableByteCount()];
                    buffer.read(bytes);
                    DataBufferUtils.release(buffer);
                    return bytes;
                })
                .defaultIfEmpty(new byte[0])
                .flatMap(body -> handle(body, traceId, started))
                .onErrorResume(DataBufferLimitException.class, tooBig -> tooLarge(started));
    }

    private Mono<ServerResponse> handle(byte[] body, String traceId, long started) {
        Map<String, String> fields;
        try {
            fields = UrlEncodedForm.parse(body);
        } catch (MalformedFormException malformed) {
            // The message names at most a field, never a value.
            return refuse(started, HttpStatus.BAD_REQUEST, MALFORMED_FORM, malformed.getMessage());
        }
        return switch (verification.verify(fields)) {
            case NotificationVerdict.Refused refused -> refuse(refused.reason(), fields.get("transactionId"), started);
            case NotificationVerdict.Verified verified -> record(verified.notification(), traceId, started);
        };
    }

    private Mono<ServerResponse> record(PaymentNotification notification, String traceId, long started) {
        String key = NotificationEvents.orderKey(notification);
        var event = NotificationEvents.verified(notification, traceId, Instant.now());
        // On the event loop: the schema and the topic's metadata are known from the start, so send()
        // only appends to the producer's buffer (it waits at most notify.ingest.max-block when that is full).
        // The ack completes on the producer's one I/O thread: the metrics, the log line and the reply move
        // off it at once, or every acknowledgement of the instance queues behind them.
        return Mono.deferContextual(context -> Mono.fromFuture(() -> recorder.record(key, event,
                        context.<Observation>getOrDefault(ObservationThreadLocalAccessor.KEY, null))))
                .publishOn(Schedulers.parallel())
                .timeout(properties.ackTimeout())
                .then(Mono.defer(() -> {
                    metrics.answered(IngestMetrics.ACCEPTED, notification.transactionType(), started);
                    logRecorded(notification, key, traceId);
                    return ServerResponse.ok().contentType(MediaType.TEXT_PLAIN).bodyValue("OK");
                }))
                .onErrorResume(error -> {
                    log.warn("Notification for order {} not recorded ({}); answering 503 so UseePay retries",
                            key, error.getClass().getSimpleName());
                    metrics.answered(IngestMetrics.NOT_RECORDED, error.getClass().getSimpleName(), started);
                    return error(HttpStatus.SERVICE_UNAVAILABLE, "NOT_RECORDED",
                            "the notification could not be recorded; please retry");
                });
    }

    /**
     * DEBUG, not INFO: the finding on the topic is the record of every accepted notification (with its trace id),
     * and the outcome processor logs what each order's findings came to at INFO. At thousands of notifications a
     * second this line was a sixth of the acknowledgement's CPU; refusals and failures stay WARN.
     */
    private static void logRecorded(PaymentNotification notification, String key, String traceId) {
        if (!log.isDebugEnabled()) {
            return;
        }
        try (MDC.MDCCloseable trace = MDC.putCloseable(TraceHeaders.MDC_KEY, traceId)) {
            log.debug("Recorded {} notification for order {}: {}", notification.transactionType(), key,
                    notification.statusWireValue());
        }
    }

    private Mono<ServerResponse> refuse(RefusalReason reason, String transactionId, long started) {
        log.warn("Refused a notification for transactionId {}: {}", printable(transactionId), reason);
        HttpStatus status = switch (reason) {
            case BAD_SIGNATURE -> HttpStatus.UNAUTHORIZED;
            case WRONG_MERCHANT -> HttpStatus.FORBIDDEN;
            case MISSING_FIELD, MALFORMED_FIELD, UNSUPPORTED_SIGN_TYPE -> HttpStatus.BAD_REQUEST;
        };
        return refuse(started, status, reason.name(), "notification refused: " + reason.name().toLowerCase().replace('_', ' '));
    }

    private Mono<ServerResponse> tooLarge(long started) {
        return refuse(started, HttpStatus.CONTENT_TOO_LARGE, BODY_TOO_LARGE,
                "the body exceeds " + properties.maxBodyBytes() + " bytes");
    }

    private Mono<ServerResponse> refuse(long started, HttpStatus status, String code, String message) {
        metrics.answered(IngestMetrics.REFUSED, code, started);
        return error(status, code, message);
    }

    private static Mono<ServerResponse> error(HttpStatus status, String code, String message) {
        return ServerResponse.status(status).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("code", code, "message", message));
    }

    private static boolean isForm(ServerRequest request) {
        return request.headers().contentType()
                .map(MediaType.APPLICATION_FORM_URLENCODED::isCompatibleWith)
                .orElse(true);
    }

    /**
     * The trace id of the request's server span: it continues a W3C traceparent when one came (the sandbox
     * sends the order's, so the notification joins the order's trace), else it starts a trace. Without a
     * server observation (tracing switched off), a sane {@code X-Trace-Id} or a new id, as before.
     */
    private static String traceId(ServerRequest request) {
        String traced = ServerRequestObservationContext.findCurrent(request.exchange().getAttributes())
                .map(TraceIds::of).orElse(null);
        if (traced != null) {
            return traced;
        }
        String given = request.headers().firstHeader(TraceHeaders.HTTP_HEADER);
        return given != null && TRACE_ID.matcher(given).matches() ? given : UUID.randomUUID().toString();
    }

    private static String printable(String text) {
        if (text == null) {
            return "(none)";
        }
        String shortened = text.length() > 64 ? text.substring(0, 64) + "..." : text;
        return shortened.replaceAll("[^A-Za-z0-9._:-]", "?");
    }
}
