package com.merchantpay.useepay;

import com.merchantpay.useepay.query.PspOrderStatus;
import com.merchantpay.useepay.query.QueryResult;
import com.merchantpay.useepay.signing.SignatureScheme;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * What a 200 reply to {@code query} means, as a pure function of its body. The outer
 * {@code resultCode} is the outcome of the query call; the order's own status is the
 * {@code resultCode} inside {@code transactionInfo}, a JSON string.
 */
final class QueryReplyReader {

    /** One published example says {@code sale} where the rest say {@code pay}: both are the payment order. */
    static final Set<String> PAYMENT_TYPES = Set.of("pay", "sale");
    static final Set<String> REFUND_TYPES = Set.of("refund");

    private QueryReplyReader() {
    }

    static QueryResult read(String body, OrderLookup lookup, String merchantNo, SignatureScheme scheme) {
        return read(body, lookup, merchantNo, scheme, PAYMENT_TYPES);
    }

    /** @param types the {@code transactionType} values the looked-up transaction may have (payment or refund) */
    static QueryResult read(String body, OrderLookup lookup, String merchantNo, SignatureScheme scheme, Set<String> types) {
        return switch (SignedReply.check(body, scheme)) {
            case SignedReply.Untrusted untrusted -> new QueryResult.Unknown(untrusted.cause());
            case SignedReply.Trusted trusted -> interpret(trusted.fields(), lookup, merchantNo, types);
        };
    }

    private static QueryResult interpret(Map<String, String> reply, OrderLookup lookup, String merchantNo, Set<String> types) {
        if (reply.containsKey("merchantNo") && !merchantNo.equals(reply.get("merchantNo"))) {
            return new QueryResult.Unknown("query reply is for another merchantNo");
        }
        String transactionInfo = reply.get("transactionInfo");
        if (transactionInfo == null || transactionInfo.isEmpty()) {
            // Contract rule for an order UseePay never saw: a failed query call without transactionInfo.
            return "failed".equals(reply.get("resultCode"))
                    ? new QueryResult.NotFound(reply.get("errorCode"), reply.get("errorMsg"))
                    : new QueryResult.Unknown("query reply " + WireValues.quoted(reply.get("resultCode"))
                            + " without transactionInfo");
        }
        return ReplyFields.parse(transactionInfo)
                .map(order -> describe(order, lookup, types))
                .orElseGet(() -> new QueryResult.Unknown("query reply transactionInfo is not a JSON object"));
    }

    private static QueryResult describe(Map<String, String> order, OrderLookup lookup, Set<String> types) {
        Optional<String> problem = problem(order, lookup, types);
        if (problem.isPresent()) {
            return new QueryResult.Unknown(problem.get());
        }
        String status = order.get("resultCode");
        OptionalLong amount = WireValues.amount(order.get("amount"));
        return new QueryResult.Found(
                valueOrLookup(order, lookup, "transactionId"),
                valueOrLookup(order, lookup, "reference"),
                PspOrderStatus.fromWire(status),
                status,
                amount.isPresent() ? amount.getAsLong() : null,
                order.get("currency"),
                order.get("errorCode"),
                order.get("errorMsg"),
                order.get("originalTransactionId"));
    }

    private static Optional<String> problem(Map<String, String> order, OrderLookup lookup, Set<String> types) {
        String type = order.get("transactionType");
        if (type != null && !types.contains(type)) {
            return Optional.of("transactionInfo describes a " + WireValues.quoted(type) + " transaction, not a "
                    + (types == REFUND_TYPES ? "refund" : "payment"));
        }
        if (order.containsKey(lookup.field()) && !lookup.value().equals(order.get(lookup.field()))) {
            return Optional.of("transactionInfo names another " + lookup.field());
        }
        if (order.get("resultCode") == null || order.get("resultCode").isEmpty()) {
            return Optional.of("transactionInfo carries no order status");
        }
        if (order.containsKey("amount") && WireValues.amount(order.get("amount")).isEmpty()) {
            return Optional.of("transactionInfo amount is not a minor-unit amount");
        }
        return Optional.empty();
    }

    /** The identifier we asked by is known even when the reply leaves it out. */
    private static String valueOrLookup(Map<String, String> order, OrderLookup lookup, String field) {
        String value = order.get(field);
        return value == null && lookup.field().equals(field) ? lookup.value() : value;
    }
}
