package com.merchantpay.sandbox.useepay;

import com.merchantpay.sandbox.config.SandboxProperties;
import com.merchantpay.sandbox.config.SandboxTime;
import com.merchantpay.sandbox.config.UseePayKeys;
import com.merchantpay.sandbox.counters.SandboxCounters;
import com.merchantpay.sandbox.faults.DuplicateCreate;
import com.merchantpay.sandbox.faults.DuplicateRefund;
import com.merchantpay.sandbox.faults.FaultSettings;
import com.merchantpay.sandbox.faults.FaultSwitchboard;
import com.merchantpay.useepay.signing.SignatureScheme;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** UseePay's {@code /api}: pay, query and refund, as the contract describes them. */
@Component
class UseePayApi {

    private static final Logger log = LoggerFactory.getLogger(UseePayApi.class);
    private static final int DEFAULT_EXPIRY_MINUTES = 20;

    private final UseePayKeys keys;
    private final OrderBook book;
    private final OrderLifecycle lifecycle;
    private final RefundLifecycle refunds;
    private final ReplyComposer replies;
    private final FaultSwitchboard faults;
    private final SandboxCounters counters;
    private final SandboxTime time;
    private final WxPaymentMint paymentMint;
    private final JsonMapper json;
    private final String merchantNo;
    private final Set<String> currencies;

    UseePayApi(UseePayKeys keys, OrderBook book, OrderLifecycle lifecycle, RefundLifecycle refunds, ReplyComposer replies,
               FaultSwitchboard faults, SandboxCounters counters, SandboxTime time, WxPaymentMint paymentMint,
               JsonMapper json, SandboxProperties properties) {
        this.keys = keys;
        this.book = book;
        this.lifecycle = lifecycle;
        this.refunds = refunds;
        this.replies = replies;
        this.faults = faults;
        this.counters = counters;
        this.time = time;
        this.paymentMint = paymentMint;
        this.json = json;
        this.merchantNo = properties.useepay().merchantNo();
        this.currencies = Set.copyOf(properties.useepay().currencies());
    }

    /**
     * @param traceId     the call's trace id, or {@code null}; named in the log, kept with a new order
     * @param traceparent the call's W3C {@code traceparent}, or {@code null}; kept with a new order or refund
     */
    ApiReply handle(ApiFields request, String traceId, String traceparent) {
        try {
            authenticate(request);
            return switch (request.transactionType()) {
                case "pay" -> pay(request, traceId, traceparent);
                case "query" -> query(request, traceId);
                case "refund" -> refund(request, traceId, traceparent);
                default -> throw new InvalidParameter("transactionType must be pay, query or refund");
            };
        } catch (InvalidParameter refused) {
            log.debug("refused {} call: {}, trace {}", request.transactionType(), refused.getMessage(), traceId);
            return replies.signed(failure(request, InvalidParameter.CODE, refused.getMessage()),
                    request.values().get("signType"));
        }
    }

    /** A body that is not a form, or larger than the codec's 256 KB limit: refused like any bad input. */
    ApiReply refuseUnreadableBody() {
        ApiFields nothing = new ApiFields(Map.of());
        return replies.signed(failure(nothing, InvalidParameter.CODE, "body is not a readable form or exceeds 256 KB"),
                null);
    }

    /** Signature first: nothing about an unauthenticated request is worth reporting back. */
    private void authenticate(ApiFields request) {
        request.requiredExactly("version", "1.0");
        String signType = request.required("signType", 8);
        SignatureScheme scheme = keys.forSignType(signType)
                .orElseThrow(() -> new InvalidParameter("signType " + signType + " is not supported"));
        request.required("sign", 1024);
        if (!scheme.verify(request.values())) {
            throw new InvalidParameter("sign does not verify");
        }
        if (!merchantNo.equals(request.required("merchantNo", 16))) {
            throw new InvalidParameter("merchantNo is unknown");
        }
    }

    private ApiReply pay(ApiFields request, String traceId, String traceparent) {
        PayCall call = PayCall.read(request, currencies, json);
        counters.create(call.transactionId());
        OrderBook.Placement placement = book.place(call.transactionId(), id -> newOrder(call, request, traceId, traceparent));
        if (placement.created()) {
            lifecycle.scheduleExpiry(placement.order());
            log.info("order {} created ({} {} minor units), trace {}", call.transactionId(), call.currency(),
                    call.amountMinor(), traceId);
        } else {
            // The order keeps the trace id of the create that made it.
            log.info("order {} asked for again (duplicate create), trace {}", call.transactionId(), traceId);
            refuseDuplicate(placement.order(), call);
        }
        return replies.signedWithFaults(payReply(placement.order()), request.values().get("signType"),
                ReplyComposer.Operation.PAY);
    }

    private void refuseDuplicate(Order existing, PayCall call) {
        if (faults.settings().duplicateCreate() == DuplicateCreate.REJECT) {
            throw new InvalidParameter("transactionId " + call.transactionId() + " already exists");
        }
        if (existing.amountMinor() != call.amountMinor() || !existing.currency().equals(call.currency())) {
            throw new InvalidParameter("transactionId " + call.transactionId() + " exists with another amount");
        }
    }

    private Order newOrder(PayCall call, ApiFields request, String traceId, String traceparent) {
        Instant now = time.now();
        return new Order(call.transactionId(), paymentMint.reference(), call.amountMinor(), call.currency(),
                call.notifyUrl(), call.echoParam(), request.values().get("signType"), call.merchantSite(),
                call.subject(), call.subOpenId(), paymentMint.payment(call.subAppId()), OrderStatus.RECEIVED,
                Order.OK, "success", 0, now, now.plus(time.scaled(Duration.ofMinutes(call.expiryMinutes()))),
                traceId, traceparent);
    }

    private Map<String, String> payReply(Order order) {
        Map<String, String> reply = new LinkedHashMap<>();
        reply.put("merchantNo", merchantNo);
        reply.put("resultCode", faults.settings().createdResultCode());
        reply.put("errorCode", Order.OK);
        reply.put("errorMsg", "success");
        reply.put("transactionType", "pay");
        reply.put("transactionId", order.transactionId());
        reply.put("reference", order.reference());
        reply.put("amount", Long.toString(order.amountMinor()));
        reply.put("currency", order.currency());
        reply.put("echoParam", order.echoParam() == null ? "" : order.echoParam());
        reply.put("redirectParam", redirectParam(order.payment()));
        return reply;
    }

    /** The {@code wx.requestPayment} values as JSON text; the nonce key spelling is a switch. */
    private String redirectParam(WxPayment payment) {
        Map<String, String> param = new LinkedHashMap<>();
        param.put("appId", payment.appId());
        param.put("timeStamp", payment.timeStamp());
        param.put(faults.settings().noceStr() ? "noceStr" : "nonceStr", payment.nonceStr());
        param.put("package", payment.packageValue());
        param.put("signType", "RSA");
        param.put("paySign", payment.paySign());
        return json.writeValueAsString(param);
    }

    /** An order, or failing that a refund, by {@code transactionId} or {@code reference}. */
    private ApiReply query(ApiFields request, String traceId) {
        Optional<String> transactionId = request.optional("transactionId", 64);
        Optional<String> reference = request.optional("reference", 64);
        if (transactionId.isEmpty() && reference.isEmpty()) {
            throw new InvalidParameter("transactionId or reference is required");
        }
        Optional<Order> order = transactionId.isPresent()
                ? book.byTransactionId(transactionId.get())
                : book.byReference(reference.get());
        Optional<Refund> refund = order.isPresent() ? Optional.empty() : transactionId.isPresent()
                ? book.refundByTransactionId(transactionId.get())
                : book.refundByReference(reference.get());
        String queried = order.map(Order::transactionId).or(() -> refund.map(Refund::transactionId))
                .orElse(transactionId.orElseGet(reference::get));
        counters.query(queried);
        // An unknown number was never validated: only visible characters reach the log line.
        log.info("{} {} queried: {}, trace {}", refund.isPresent() ? "refund" : "order",
                queried.replaceAll("[^\\x21-\\x7E]", "?"),
                order.map(found -> found.status().wire()).or(() -> refund.map(found -> found.status().wire()))
                        .orElse("not found"), traceId);
        Map<String, String> reply = order.map(this::orderInfo).or(() -> refund.map(this::refundInfo)).map(this::found)
                .orElseGet(() -> failure(request, InvalidParameter.CODE, "transaction not found"));
        return replies.signedWithFaults(reply, request.values().get("signType"), ReplyComposer.Operation.QUERY);
    }

    private Map<String, String> orderInfo(Order order) {
        Map<String, String> info = new LinkedHashMap<>();
        info.put("transactionId", order.transactionId());
        info.put("reference", order.reference());
        info.put("transactionType", faults.settings().saleInQuery() ? "sale" : "pay");
        info.put("amount", Long.toString(order.amountMinor()));
        info.put("currency", order.currency());
        info.put("resultCode", order.status().wire());
        info.put("errorCode", order.errorCode());
        info.put("errorMsg", order.errorMsg());
        return info;
    }

    /** A refund's {@code transactionInfo}: its own status, and the order it refunds. */
    private Map<String, String> refundInfo(Refund refund) {
        Map<String, String> info = new LinkedHashMap<>();
        info.put("transactionId", refund.transactionId());
        info.put("reference", refund.reference());
        info.put("originalTransactionId", refund.originalTransactionId());
        info.put("transactionType", "refund");
        info.put("amount", Long.toString(refund.amountMinor()));
        info.put("currency", refund.currency());
        info.put("resultCode", refund.status().wire());
        info.put("errorCode", refund.errorCode());
        info.put("errorMsg", refund.errorMsg());
        return info;
    }

    /** A successful query call: {@code transactionInfo} is JSON text inside the reply. */
    private Map<String, String> found(Map<String, String> info) {
        Map<String, String> reply = new LinkedHashMap<>();
        reply.put("merchantNo", merchantNo);
        reply.put("transactionType", "query");
        reply.put("resultCode", "succeed");
        reply.put("errorCode", Order.OK);
        reply.put("errorMsg", "success");
        reply.put("transactionInfo", json.writeValueAsString(info));
        return reply;
    }

    private ApiReply refund(ApiFields request, String traceId, String traceparent) {
        RefundCall call = RefundCall.read(request, currencies);
        counters.refundCall(call.transactionId());
        FaultSettings settings = faults.settings();
        Refund candidate = new Refund(call.transactionId(), paymentMint.reference(), call.originalTransactionId(),
                call.amountMinor(), call.currency(), call.notifyUrl(), call.echoParam(),
                request.values().get("signType"), RefundStatus.RECEIVED, Order.OK, "success", time.now(), traceId,
                traceparent);
        OrderBook.RefundPlacement placement = book.placeRefund(candidate, original -> admitRefund(original, call));
        Refund refund = placement.refund();
        if (placement.created()) {
            counters.refundMade(refund.transactionId());
            log.info("refund {} of order {} accepted ({} {} minor units), trace {}", refund.transactionId(),
                    refund.originalTransactionId(), refund.currency(), refund.amountMinor(), traceId);
            refunds.settleLater(refund, settings.refundOutcome(), settings.refundSettleAfter());
        } else {
            // The refund keeps the trace id of the call that made it.
            log.info("refund {} asked for again (duplicate refund), trace {}", refund.transactionId(), traceId);
            refuseDuplicate(refund, call, settings.duplicateRefund());
        }
        // Made (or found again) before the reply is spoilt: the "outcome unknown, query before retrying" case.
        return replies.signedWithFaults(refundReply(refund), request.values().get("signType"),
                ReplyComposer.Operation.REFUND);
    }

    /** A repeated refund number: refused, or (idempotent switch) the same refund if the call asks for the same one. */
    private static void refuseDuplicate(Refund existing, RefundCall call, DuplicateRefund reading) {
        if (reading == DuplicateRefund.REJECT) {
            throw new InvalidParameter("transactionId " + call.transactionId() + " already exists");
        }
        if (!existing.originalTransactionId().equals(call.originalTransactionId())
                || existing.amountMinor() != call.amountMinor() || !existing.currency().equals(call.currency())) {
            throw new InvalidParameter("transactionId " + call.transactionId()
                    + " exists for another original order, amount or currency");
        }
    }

    /** The refund as it stands (a repeated one may have settled since): {@code resultCode} is its status. */
    private Map<String, String> refundReply(Refund refund) {
        Map<String, String> reply = new LinkedHashMap<>();
        reply.put("merchantNo", merchantNo);
        reply.put("resultCode", refund.status().wire());
        reply.put("errorCode", refund.errorCode());
        reply.put("errorMsg", refund.errorMsg());
        reply.put("transactionType", "refund");
        reply.put("transactionId", refund.transactionId());
        reply.put("originalTransactionId", refund.originalTransactionId());
        reply.put("reference", refund.reference());
        reply.put("amount", Long.toString(refund.amountMinor()));
        reply.put("currency", refund.currency());
        return reply;
    }

    /** Runs inside the book's atomic update, so two concurrent refunds cannot overdraw one payment. */
    private static Order admitRefund(Order original, RefundCall call) {
        if (original.status() != OrderStatus.SUCCEED) {
            throw new InvalidParameter("only a paid order can be refunded");
        }
        if (!original.currency().equals(call.currency())) {
            throw new InvalidParameter("currency differs from the original order");
        }
        if (call.amountMinor() > original.amountMinor() - original.refundedMinor()) {
            throw new InvalidParameter("amount exceeds what is left to refund");
        }
        return original.withRefunded(call.amountMinor());
    }

    private Map<String, String> failure(ApiFields request, String code, String message) {
        Map<String, String> reply = new LinkedHashMap<>();
        reply.put("merchantNo", merchantNo);
        reply.put("resultCode", OrderStatus.FAILED.wire());
        reply.put("errorCode", code);
        reply.put("errorMsg", message);
        reply.put("transactionType", request.transactionType().length() <= 16 ? request.transactionType() : "");
        String transactionId = request.values().getOrDefault("transactionId", "");
        reply.put("transactionId", transactionId.length() <= 64 ? transactionId : "");
        return reply;
    }
}
