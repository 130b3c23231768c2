package com.merchantpay.order.catalog;

import com.merchantpay.order.decision.RejectionReason;

/** What the catalog made of a basket: a price to charge, or a reason not to. */
public sealed interface Pricing {

    /** @param subject the title for the WeChat bill */
    record Priced(long amountMinor, String currency, String subject) implements Pricing {
    }

    record Refused(RejectionReason reason, String detail) implements Pricing {
    }
}
