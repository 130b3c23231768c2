package com.merchantpay.ops.refund;

import com.merchantpay.events.refund.RefundRequested;
import com.merchantpay.ops.cluster.ClusterConnection;
import com.merchantpay.ops.cluster.ClusterOptions;
import com.merchantpay.ops.cluster.ExitCode;
import com.merchantpay.ops.cluster.OpsFailure;
import com.merchantpay.ops.decoding.EventDecoder;
import com.merchantpay.ops.decoding.SchemaRegistry;
import com.merchantpay.ops.history.HistoryEntry;
import com.merchantpay.ops.history.OrderHistory;
import com.merchantpay.ops.refund.RefundPosition.RefundLine;
import com.merchantpay.schemas.ids.EventIds;
import com.merchantpay.schemas.topics.PaymentTopics;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * An operator's refund: never a call to UseePay, only a {@link RefundRequested} event that
 * notify-service's refund ledger approves or refuses once, like every other refund. Without
 * {@code --yes} it is a dry run that shows the order's money.
 *
 * <p>The refund's id is derived from the order and a request key, by default the operator, amount
 * and reason: running the same command twice asks for the same refund, which is made at most once.
 * A second refund of the same amount for the same reason needs its own {@code --request-id}.
 */
@Command(name = "refund", mixinStandardHelpOptions = true,
        description = {"Ask for money back for one order (audited: operator and reason travel with the request).",
                "Without --yes: a dry run showing paid, refunded, pending and refundable amounts."})
public final class RefundCommand implements Callable<Integer> {

    private static final List<String> MONEY_TOPICS = List.of(PaymentTopics.OUTCOMES.name(),
            PaymentTopics.REFUND_REQUESTS.name(), PaymentTopics.REFUNDS.name());

    @Mixin
    ClusterOptions clusterOptions;

    @Parameters(index = "0", paramLabel = "ORDER_NO", description = "The order number.")
    String orderNo;

    @Option(names = "--amount", paramLabel = "MINOR",
            description = "What to give back, in the currency's minor unit (default: everything still refundable).")
    Long amountMinor;

    @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why, for the audit trail.")
    String reason;

    @Option(names = "--operator", paramLabel = "NAME",
            description = "Who asks (default: env OPS_OPERATOR, else the login name).")
    String operator;

    @Option(names = "--request-id", paramLabel = "KEY",
            description = "Names this refund (default: operator, amount and reason). The same key never refunds twice.")
    String requestKey;

    @Option(names = "--yes", description = "Send the request (without it: dry run, nothing is written).")
    boolean yes;

    @Option(names = "--wait", paramLabel = "SECONDS", defaultValue = "15",
            description = "How long to wait for the ledger's decision after sending (default ${DEFAULT-VALUE}).")
    int waitSeconds;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (ClusterConnection cluster = ClusterConnection.open(clusterOptions)) {
            EventDecoder decoder = new EventDecoder(new SchemaRegistry(clusterOptions.registryUrl(), clusterOptions.timeout()));
            List<HistoryEntry> history = OrderHistory.read(cluster, decoder, orderNo, MONEY_TOPICS, null);
            RefundPosition position = RefundPosition.of(history);
            printPosition(out, position);
            if (position.paidMinor() <= 0) {
                throw OpsFailure.refused("order " + orderNo + " has no payment on record: nothing to refund");
            }
            long amount = amountMinor != null ? amountMinor : position.refundableMinor();
            String refundId = EventIds.refundId(orderNo, requestKey(amount));
            Optional<RefundLine> earlier = position.refund(refundId);
            if (earlier.isPresent()) {
                out.printf("refund %s was already asked for: %s. Nothing sent (a new refund needs its own --request-id).%n",
                        refundId, earlier.get().state());
                return ExitCode.OK.code();
            }
            refuseImpossible(amount, position);
            out.printf("refund %s of %s %s, reason \"%s\", requested by %s%n",
                    refundId, amount, position.currency(), reason, operatorName());
            if (!yes) {
                out.println("dry run: nothing sent. Add --yes to send the request.");
                return ExitCode.OK.code();
            }
            RefundRequested request = request(refundId, amount, position.currency());
            RefundDecision decision = new RefundRequestSender(cluster, clusterOptions, decoder)
                    .send(request, Duration.ofSeconds(Math.max(0, waitSeconds)));
            return report(out, decision);
        }
    }

    private void refuseImpossible(long amount, RefundPosition position) {
        if (amount <= 0) {
            throw position.refundableMinor() <= 0
                    ? OpsFailure.refused("nothing left to refund for order " + orderNo)
                    : OpsFailure.usage("--amount must be a positive number of minor units");
        }
        if (amount > position.refundableMinor()) {
            throw OpsFailure.refused("refund of " + amount + " exceeds what is refundable (" + position.refundableMinor()
                    + " " + position.currency() + ")");
        }
    }

    private void printPosition(PrintWriter out, RefundPosition position) {
        out.printf("order %s%n", orderNo);
        out.printf("  paid        %d %s%n", position.paidMinor(), nullToDash(position.currency()));
        out.printf("  refunded    %d%n", position.refundedMinor());
        out.printf("  pending     %d%n", position.pendingMinor());
        out.printf("  refundable  %d%n", Math.max(0, position.refundableMinor()));
        for (RefundLine refund : position.refunds()) {
            out.printf("  - %s %d %s (%s, by %s)%n", refund.refundId(), refund.amountMinor(), refund.state(),
                    refund.reason(), refund.requestedBy());
        }
    }

    private int report(PrintWriter out, RefundDecision decision) {
        switch (decision) {
            case RefundDecision.Approved approved -> out.printf(
                    "approved: order-service is asking UseePay; %d left refundable. Follow it with: ops history %s%n",
                    approved.refundableAfterMinor(), orderNo);
            case RefundDecision.Refused refused -> out.printf("refused by the refund ledger: %s (%s)%n",
                    refused.code(), refused.message());
            case RefundDecision.NotSeenYet notSeen -> out.printf(
                    "sent; no decision within %ds (is notify-service running?). Follow it with: ops history %s%n",
                    waitSeconds, orderNo);
        }
        out.flush();
        return decision instanceof RefundDecision.Refused ? ExitCode.REFUSED.code() : ExitCode.OK.code();
    }

    private RefundRequested request(String refundId, long amount, String currency) {
        return RefundRequested.newBuilder()
                .setEventId(EventIds.deterministic(orderNo, "RefundRequested", refundId))
                .setOccurredAt(Instant.now())
                .setOrderNo(orderNo)
                .setTraceId(UUID.randomUUID().toString())
                .setRefundId(refundId)
                .setAmountMinor(amount)
                .setCurrency(currency)
                .setReason(reason)
                .setRequestedBy(operatorName())
                .build();
    }

    private String requestKey(long amount) {
        return requestKey != null ? "operator:" + requestKey : "operator:" + operatorName() + "|" + amount + "|" + reason;
    }

    private String operatorName() {
        if (operator != null && !operator.isBlank()) {
            return operator;
        }
        String fromEnvironment = System.getenv("OPS_OPERATOR");
        return fromEnvironment != null && !fromEnvironment.isBlank() ? fromEnvironment : System.getProperty("user.name");
    }

    private static String nullToDash(String text) {
        return text == null ? "-" : text;
    }
}
