package com.merchantpay.sandbox.control;

import com.merchantpay.sandbox.useepay.Order;
import com.merchantpay.sandbox.useepay.OrderBook;
import com.merchantpay.sandbox.useepay.OrderLifecycle;
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
 * What the payer and the clock would do to an order: pay it, have it refused, let it expire now.
 * Each answers the order as it stands afterwards; 409 when the order was already final.
 */
@RestController
@RequestMapping("/sandbox/orders")
class OrdersController {

    private final OrderBook book;
    private final OrderLifecycle lifecycle;

    OrdersController(OrderBook book, OrderLifecycle lifecycle) {
        this.book = book;
        this.lifecycle = lifecycle;
    }

    @GetMapping
    List<OrderView> list() {
        return book.orders().stream().sorted(Comparator.comparing(Order::createdAt)).map(OrderView::of).toList();
    }

    @GetMapping("/{transactionId}")
    ResponseEntity<?> one(@PathVariable String transactionId) {
        return book.byTransactionId(transactionId).<ResponseEntity<?>>map(order -> ResponseEntity.ok(OrderView.of(order)))
                .orElseGet(() -> notFound(transactionId));
    }

    @PostMapping("/{transactionId}/pay")
    ResponseEntity<?> pay(@PathVariable String transactionId) {
        return transition(transactionId, lifecycle::succeed);
    }

    @PostMapping("/{transactionId}/fail")
    ResponseEntity<?> fail(@PathVariable String transactionId) {
        return transition(transactionId, lifecycle::fail);
    }

    @PostMapping("/{transactionId}/expire")
    ResponseEntity<?> expire(@PathVariable String transactionId) {
        return transition(transactionId, lifecycle::expire);
    }

    private ResponseEntity<?> transition(String transactionId,
                                         Function<String, Optional<OrderLifecycle.Transition>> move) {
        return move.apply(transactionId).<ResponseEntity<?>>map(transition -> transition.moved()
                        ? ResponseEntity.ok(OrderView.of(transition.order()))
                        : ResponseEntity.status(HttpStatus.CONFLICT).body(new ControlError(
                                "order " + transactionId + " is already " + transition.order().status().wire())))
                .orElseGet(() -> notFound(transactionId));
    }

    private static ResponseEntity<?> notFound(String transactionId) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(new ControlError("no order " + transactionId));
    }
}
