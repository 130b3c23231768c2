package com.merchantpay.useepay;

import com.merchantpay.useepay.form.UrlEncodedForm;
import com.merchantpay.useepay.pay.JsapiPayRequest;
import com.merchantpay.useepay.pay.PayResult;
import com.merchantpay.useepay.query.QueryResult;
import com.merchantpay.useepay.refund.RefundRequest;
import com.merchantpay.useepay.refund.RefundResult;
import com.merchantpay.useepay.signing.SignatureScheme;
import io.micrometer.observation.ObservationRegistry;
import io.netty.channel.ChannelOption;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * UseePay's {@code pay}, {@code query} and {@code refund} calls, non-blocking, over a bounded
 * connection pool. Refunds follow the same three outcomes and the same recovery by query of their
 * own transactionId (see {@link #refundOrRecover}).
 *
 * <h2>Outcomes, not exceptions</h2>
 * Every call completes with a result value and never with an error: a timeout, a refused or
 * dropped connection, a full pool, a non-200 status, an unparsable body or a reply whose signature
 * does not hold all become {@code Unknown}, because in each of them UseePay may or may not have
 * acted. Only a signed {@code failed} reply is a {@link PayResult.Rejected}. The one exception is
 * a programming error: an invalid {@link JsapiPayRequest} cannot be constructed at all
 * ({@link IllegalArgumentException}), and a blank identifier given to a query throws the same.
 *
 * <h2>Duplicate creates and {@link #payOrRecover}</h2>
 * The contract leaves open what a second create with the same {@code transactionId} does: either
 * the same order comes back (idempotent) or it is refused with {@code failed}/{@code 1001}.
 * {@link #pay} reports what UseePay said. {@link #payOrRecover} resolves the doubt with a query:
 * <ul>
 *   <li>{@code Accepted}, or {@code Rejected} with any code but {@code 1001}: returned as is.</li>
 *   <li>{@code Rejected 1001}: query. Found: {@link PayResult.Existing}. Not found: the rejection
 *       was a real invalid parameter, returned as is. Inconclusive: {@code Unknown}.</li>
 *   <li>{@code Unknown}: query. Found and awaiting payment: one more {@code pay}, which cannot create
 *       a second order now that UseePay holds this one; {@code Accepted} if UseePay hands out the pay
 *       parameters again, {@link PayResult.Existing} if it answers 1001, {@code Unknown} if it does not
 *       answer (a timeout is no reason to give the order up). Found in any other status:
 *       {@link PayResult.Existing}. Not found or inconclusive: {@code Unknown} (paying again later
 *       is safe).</li>
 * </ul>
 * {@link PayResult.Existing} means "UseePay holds this order but its pay parameters cannot be had
 * again": the query reply carries none. What to do with it is the caller's decision: typically
 * reject the checkout with a stable reason unless the status is already {@code succeed}, and let
 * the payment outcome path (notifications, reconciliation) finish the order either way.
 *
 * <h2>Secrets</h2>
 * Keys live only in the {@link SignatureScheme}, whose {@code toString} hides them; result causes
 * name the failure and never carry keys or request bodies. This class logs nothing.
 */
public final class UseePayClient implements AutoCloseable {

    /**
     * Reactor context key of the caller's trace id: {@code pay(...).contextWrite(Context.of(TRACE_ID_CONTEXT_KEY, id))}
     * sends it as {@link #TRACE_ID_HEADER}, so one order can be followed into UseePay's side of the logs.
     */
    public static final String TRACE_ID_CONTEXT_KEY = "traceId";
    /** HTTP header of every call made while the context holds a trace id; absent otherwise. */
    public static final String TRACE_ID_HEADER = "X-Trace-Id";

    private static final MediaType FORM_UTF8 =
            new MediaType(MediaType.APPLICATION_FORM_URLENCODED, StandardCharsets.UTF_8);
    /** Servers drop idle keep-alive connections; retire ours first so a call rarely meets a dead one. */
    private static final Duration MAX_IDLE = Duration.ofSeconds(20);
    private static final Duration WARM_UP_LIMIT = Duration.ofSeconds(10);

    private final UseePaySettings settings;
    private final SignatureScheme scheme;
    private final ConnectionProvider connections;
    private final WebClient http;
    private final PayRecovery recovery;
    private final RefundRecovery refundRecovery;

    private UseePayClient(UseePaySettings settings, SignatureScheme scheme, ConnectionProvider connections,
                          ObservationRegistry observations) {
        this.settings = settings;
        this.scheme = scheme;
        this.connections = connections;
        HttpClient httpClient = HttpClient.create(connections)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) settings.connectTimeout().toMillis())
                .responseTimeout(settings.responseTimeout());
        // Event loops, native transport and DNS resolver now, at start-up, not inside the first order's call.
        httpClient.warmup().block(WARM_UP_LIMIT);
        // Observed calls get a client span, child of the observation in the caller's Reactor context, and
        // carry its W3C traceparent, so UseePay's side (the sandbox) can be joined to the order's trace.
        this.http = WebClient.builder().clientConnector(new ReactorClientHttpConnector(httpClient))
                .observationRegistry(observations).build();
        this.recovery = new PayRecovery(this::pay, this::queryByOrderNumber);
        this.refundRecovery = new RefundRecovery(this::refund, this::queryRefund);
    }

    /** A client with its own connection pool and no observations; {@link #close()} it when done. */
    public static UseePayClient create(UseePaySettings settings, SignatureScheme scheme) {
        return create(settings, scheme, ObservationRegistry.NOOP);
    }

    /**
     * A client with its own connection pool whose calls are observed in {@code observations}; a caller
     * that puts its observation in the Reactor context under {@code ObservationThreadLocalAccessor.KEY}
     * gets the call's span as its child. {@link #close()} it when done.
     */
    public static UseePayClient create(UseePaySettings settings, SignatureScheme scheme, ObservationRegistry observations) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(observations, "observations");
        ConnectionProvider connections = ConnectionProvider.builder("useepay")
                .maxConnections(settings.maxConnections())
                .pendingAcquireMaxCount(settings.maxPendingAcquires())
                .pendingAcquireTimeout(settings.connectTimeout())
                .maxIdleTime(MAX_IDLE)
                .build();
        return new UseePayClient(settings, scheme, connections, observations);
    }

    /**
     * Creates a JSAPI order. Completes with {@code Accepted}, {@code Rejected} or {@code Unknown}
     * (never {@code Existing}) and never with an error. Each subscription sends one request.
     */
    public Mono<PayResult> pay(JsapiPayRequest request) {
        Objects.requireNonNull(request, "request");
        return call(() -> OutgoingForms.pay(request, settings, scheme),
                body -> PayReplyReader.read(body, request, scheme),
                PayResult.Unknown::new);
    }

    /**
     * {@link #pay}, then the recovery described in the class comment; may complete with {@code Existing}.
     * The follow-up query and pay run in the caller's Reactor context, so they carry its trace id too.
     */
    public Mono<PayResult> payOrRecover(JsapiPayRequest request) {
        Objects.requireNonNull(request, "request");
        return recovery.payOrRecover(request);
    }

    /**
     * A later attempt at an order whose earlier attempt ended {@code Unknown}: it queries first, so it
     * can never create a second order; UseePay never saw the order → {@link #payOrRecover}.
     */
    public Mono<PayResult> resumeAfterUnknown(JsapiPayRequest request) {
        Objects.requireNonNull(request, "request");
        return recovery.resume(request);
    }

    /** The order with our order number {@code transactionId}. Never completes with an error. */
    public Mono<QueryResult> queryByOrderNumber(String transactionId) {
        return query(OrderLookup.byTransactionId(transactionId));
    }

    /**
     * Refunds (part of) a paid order. Completes with {@code Accepted}, {@code Rejected} or
     * {@code Unknown} and never with an error; on {@code 1001} or an unknown outcome it queries the
     * refund's own transactionId before anything else, so it never refunds twice.
     */
    public Mono<RefundResult> refundOrRecover(RefundRequest request) {
        Objects.requireNonNull(request, "request");
        return refundRecovery.refundOrRecover(request);
    }

    /** A later attempt at a refund whose earlier attempt ended {@code Unknown}: queries first. */
    public Mono<RefundResult> resumeRefundAfterUnknown(RefundRequest request) {
        Objects.requireNonNull(request, "request");
        return refundRecovery.resume(request);
    }

    /** The refund with our refund number {@code transactionId}. Never completes with an error. */
    public Mono<QueryResult> queryRefund(String transactionId) {
        OrderLookup lookup = OrderLookup.byTransactionId(transactionId);
        return call(() -> OutgoingForms.query(lookup, settings, scheme),
                body -> QueryReplyReader.read(body, lookup, settings.merchantNo(), scheme, QueryReplyReader.REFUND_TYPES),
                QueryResult.Unknown::new);
    }

    private Mono<RefundResult> refund(RefundRequest request) {
        return call(() -> OutgoingForms.refund(request, settings, scheme),
                body -> RefundReplyReader.read(body, request, scheme),
                RefundResult.Unknown::new);
    }

    /** The order with UseePay's order number {@code reference}. Never completes with an error. */
    public Mono<QueryResult> queryByReference(String reference) {
        return query(OrderLookup.byReference(reference));
    }

    /** Releases the connection pool. Calls made afterwards complete with {@code Unknown}. */
    @Override
    public void close() {
        connections.dispose();
    }

    @Override
    public String toString() {
        return "UseePayClient[" + settings.apiEndpoint() + ", merchantNo=" + settings.merchantNo()
                + ", " + scheme + "]";
    }

    private Mono<QueryResult> query(OrderLookup lookup) {
        return call(() -> OutgoingForms.query(lookup, settings, scheme),
                body -> QueryReplyReader.read(body, lookup, settings.merchantNo(), scheme),
                QueryResult.Unknown::new);
    }

    /**
     * POSTs the signed form and reads a 200 reply with {@code readReply}; every other ending becomes
     * {@code unknown(cause)}. The form is built (and signed) per subscription.
     */
    private <R> Mono<R> call(Supplier<Map<String, String>> form,
                             Function<String, R> readReply,
                             Function<String, R> unknown) {
        return Mono.deferContextual(context -> http.post()
                        .uri(settings.apiEndpoint())
                        .headers(headers -> context.<String>getOrEmpty(TRACE_ID_CONTEXT_KEY)
                                .ifPresent(traceId -> headers.set(TRACE_ID_HEADER, traceId)))
                        .contentType(FORM_UTF8)
                        .accept(MediaType.APPLICATION_JSON)
                        .bodyValue(UrlEncodedForm.encode(form.get()))
                        .exchangeToMono(response -> response.statusCode().value() == 200
                                ? response.bodyToMono(String.class).defaultIfEmpty("").map(readReply)
                                : response.releaseBody().then(Mono.just(
                                        unknown.apply("HTTP " + response.statusCode().value() + " from UseePay")))))
                .timeout(settings.callDeadline())
                .onErrorResume(Exception.class, failure -> Mono.just(unknown.apply(TransportFailure.describe(failure))));
    }
}
