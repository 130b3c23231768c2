package com.merchantpay.e2e.load;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import reactor.core.publisher.Mono;

/**
 * The workflow as the Mini Program uses it: each virtual user logs in once (a WeChat code minted by
 * the sandbox, then {@code POST /api/v1/sessions}); each checkout is {@code POST /api/v1/orders}
 * with a fresh {@code Idempotency-Key}. A 201 carries the pay values; a 202 (order-service slower than
 * the gateway's verdict wait) is followed by the status long-poll until they arrive — the whole
 * time is the checkout's latency, as the user experiences it.
 */
final class EventDrivenPath implements CheckoutPath {

    private static final String BASKET = LoadClient.json(Map.of("items", List.of(Map.of("productId", "green-tea", "quantity", 1))));

    /** A checkout without pay values after this long counts as failed (the user has given up). */
    static final java.time.Duration CHECKOUT_LIMIT = java.time.Duration.ofSeconds(60);

    private final LoadClient client;
    private final URI gateway;
    private final URI sandbox;
    private final List<String> tokens = new CopyOnWriteArrayList<>();
    private final String run = Long.toString(System.currentTimeMillis(), 36);

    EventDrivenPath(LoadClient client, URI gateway, URI sandbox) {
        this.client = client;
        this.gateway = gateway;
        this.sandbox = sandbox;
    }

    @Override
    public String name() {
        return "event-driven";
    }

    @Override
    public void prepare(int users) {
        while (tokens.size() < users) {
            tokens.add(logIn("o-load-" + run + "-" + tokens.size()));
        }
    }

    private String logIn(String openId) {
        LoadClient.Answer code = client.post(sandbox.resolve("/sandbox/wechat/codes"), LoadClient.json(Map.of("openid", openId)), Map.of())
                .block();
        LoadClient.Answer session = client.post(gateway.resolve("/api/v1/sessions"),
                LoadClient.json(Map.of("code", code.body().path("code").asString())), Map.of()).block();
        if (session.status() != 200) {
            throw new IllegalStateException("login of " + openId + " answered " + session.status() + ": " + session.body());
        }
        return session.body().path("token").asString();
    }

    @Override
    public Mono<String> checkout(int user) {
        Map<String, String> headers = Map.of("Authorization", "Bearer " + tokens.get(user),
                "Idempotency-Key", "load-" + UUID.randomUUID());
        return client.post(gateway.resolve("/api/v1/orders"), BASKET, headers).flatMap(answer -> switch (answer.status()) {
            case 201 -> Mono.just(answer.body().path("orderNo").asString());
            case 202 -> awaitPayValues(answer.body().path("orderNo").asString(), tokens.get(user), "CREATING");
            default -> Mono.<String>empty();
        }).timeout(CHECKOUT_LIMIT).onErrorResume(failure -> Mono.empty());
    }

    /** The Mini Program's long-poll: ask again with the last state seen until the pay values are there. */
    private Mono<String> awaitPayValues(String orderNo, String token, String known) {
        URI status = gateway.resolve("/api/v1/orders/" + orderNo + "?waitSeconds=20&knownState=" + known);
        return client.get(status, Map.of("Authorization", "Bearer " + token)).flatMap(answer -> {
            String state = answer.body().path("state").asString();
            if (answer.status() == 200 && "AWAITING_PAYMENT".equals(state)) {
                return Mono.just(orderNo);
            }
            if (answer.status() == 200 && "CREATING".equals(state)) {
                return awaitPayValues(orderNo, token, state);
            }
            return Mono.empty();
        });
    }
}
