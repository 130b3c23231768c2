package com.merchantpay.sandbox.control;

import com.merchantpay.sandbox.counters.SandboxCounters;
import com.merchantpay.sandbox.faults.FaultSwitchboard;
import com.merchantpay.sandbox.notification.NotificationDispatcher;
import com.merchantpay.sandbox.useepay.OrderBook;
import com.merchantpay.sandbox.wechat.LoginCodes;
import com.merchantpay.sandbox.wechat.WeChatUsers;
import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Back to a blank sandbox: no orders, codes, blocks or counters, every switch off, pending deliveries abandoned. */
@RestController
class ResetController {

    private final OrderBook book;
    private final SandboxCounters counters;
    private final FaultSwitchboard faults;
    private final NotificationDispatcher dispatcher;
    private final LoginCodes codes;
    private final WeChatUsers users;

    ResetController(OrderBook book, SandboxCounters counters, FaultSwitchboard faults,
                    NotificationDispatcher dispatcher, LoginCodes codes, WeChatUsers users) {
        this.book = book;
        this.counters = counters;
        this.faults = faults;
        this.dispatcher = dispatcher;
        this.codes = codes;
        this.users = users;
    }

    @PostMapping("/sandbox/reset")
    Map<String, String> reset() {
        dispatcher.abandonAll();
        faults.reset();
        book.clear();
        codes.clear();
        users.clear();
        counters.reset();
        return Map.of("status", "reset");
    }
}
