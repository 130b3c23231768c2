package com.merchantpay.sandbox.control;

import com.merchantpay.sandbox.useepay.OrderBook;
import com.merchantpay.sandbox.useepay.Refund;
import com.merchantpay.sandbox.useepay.RefundLifecycle;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The refunds UseePay holds, and settling one by hand before its timer does. Each move answers the
 * refund as it stands afterwards and sends its notification; 409 when it was already final.
 */
@RestController
@RequestMapping("/sandbox/refunds")
class RefundsController {

    private final OrderBook book;
    private final RefundLifecycle lifecycle;

    RefundsController(OrderBook book, RefundLifecycle lifecycle) {
        this.book = book;
        this.lifecycle = lifecycle;
    }

    @GetMapping
    List<RefundView> list() {
        return book.refunds().stream().sorted(Comparator.comparing(Refund::createdAt)).map(RefundView::of).toList();
    }

    @GetMapping("/{transactionId}")
    ResponseEntity<?> one(@PathVariable String transactionId) {
        return book.refundByTransactionId(transactionId)
                .<ResponseEntity<?>>map(refund -> ResponseEntity.ok(RefundView.of(refund)))
                .orElseGet(() -> notFound(transactionId));
    }

    @PostMapping("/{transactionId}/succeed")
    ResponseEntity<?> succeed(@PathVariable String transactionId) {
        return transition(transactionId, lifecycle::succeed);
    }

    @PostMapping("/{transactionId}/fail")
    ResponseEntity<?> fail(@PathVariable String transactionId) {
        return transition(transactionId, lifecycle::fail);
    }

    private ResponseEntity<?> transition(String transactionId,
                                         Function<String, Optional<RefundLifecycle.Transition>> move) {
        return move.apply(transactionId).<ResponseEntity<?>>map(transition -> transition.moved()
                        ? ResponseEntity.ok(RefundView.of(transition.refund()))
                        : ResponseEntity.status(HttpStatus.CONFLICT).body(new ControlError(
                                "refund " + transactionId + " is already " + transition.refund().status().wire())))
                .orElseGet(() -> notFound(transactionId));
    }

    private static ResponseEntity<?> notFound(String transactionId) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(new ControlError("no refund " + transactionId));
    }
}
