package com.merchantpay.sandbox.control;

import com.merchantpay.sandbox.counters.OrderCounters;
import com.merchantpay.sandbox.counters.SandboxCounters;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/sandbox/counters")
class CountersController {

    private final SandboxCounters counters;

    CountersController(SandboxCounters counters) {
        this.counters = counters;
    }

    /** Totals plus one entry per order number seen. */
    @GetMapping
    Map<String, Object> all() {
        return Map.of("totals", counters.totals(), "orders", counters.all());
    }

    /** The totals alone: after a load run "every order" is megabytes of JSON. */
    @GetMapping("/totals")
    OrderCounters totals() {
        return counters.totals();
    }

    /** Zeroes for a number never seen. */
    @GetMapping("/{transactionId}")
    OrderCounters one(@PathVariable String transactionId) {
        return counters.of(transactionId);
    }
}
