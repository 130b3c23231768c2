package com.merchantpay.sandbox.useepay;

import java.time.Duration;

/** What {@code /api} sends back: status, body text exactly as it goes on the wire, and when. */
record ApiReply(int httpStatus, String body, Duration delay) {

    ApiReply after(Duration more) {
        return new ApiReply(httpStatus, body, delay.plus(more));
    }
}
