package com.merchantpay.gateway.status;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/** Ready once the view has read every order that existed when this instance started. */
@Component
class OrderViewHealthIndicator implements HealthIndicator {

    private final OrderViewFeed feed;
    private final OrderView view;

    OrderViewHealthIndicator(OrderViewFeed feed, OrderView view) {
        this.feed = feed;
        this.view = view;
    }

    @Override
    public Health health() {
        Health.Builder health = feed.caughtUp() ? Health.up() : Health.status(Status.OUT_OF_SERVICE);
        return health.withDetail("orders", view.size())
                .withDetail("openWaits", view.openWaits())
                .withDetail("startLag", feed.startLag().values().stream().mapToLong(Long::longValue).sum())
                .build();
    }
}
