package com.merchantpay.e2e.load;

import java.net.URI;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;

/** The baseline: {@code POST /checkout} on direct-checkout-baseline, which calls UseePay inside the request. */
final class DirectPath implements CheckoutPath {

    private final LoadClient client;
    private final URI baseline;

    DirectPath(LoadClient client, URI baseline) {
        this.client = client;
        this.baseline = baseline;
    }

    @Override
    public String name() {
        return "baseline";
    }

    @Override
    public void prepare(int users) {
        // No login: the baseline takes the openid in the body.
    }

    @Override
    public Mono<String> checkout(int user) {
        String body = LoadClient.json(Map.of("openId", "o-baseline-" + user,
                "items", List.of(Map.of("productId", "green-tea", "quantity", 1))));
        return client.post(baseline.resolve("/checkout"), body, Map.of())
                .flatMap(answer -> answer.status() == 201 ? Mono.just(answer.body().path("orderNo").asString()) : Mono.<String>empty())
                .timeout(EventDrivenPath.CHECKOUT_LIMIT).onErrorResume(failure -> Mono.empty());
    }
}
