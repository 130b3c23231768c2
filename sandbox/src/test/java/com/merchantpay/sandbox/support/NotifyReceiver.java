package com.merchantpay.sandbox.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * The merchant's notify URL for a test: records every form that arrives, with its headers, and answers 200, or the
 * statuses queued with {@link #answerNext}. It is the merchant side, not a stand-in for UseePay.
 */
public final class NotifyReceiver implements AutoCloseable {

    private final HttpServer server;
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final Deque<Integer> scripted = new ArrayDeque<>();

    public NotifyReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/notify", this::receive);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/notify";
    }

    /** The next deliveries get these statuses, in order; later ones get 200. */
    public synchronized void answerNext(Integer... statuses) {
        scripted.addAll(List.of(statuses));
    }

    public List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    public List<Delivery> deliveriesFor(String transactionId) {
        return deliveries.stream().filter(d -> transactionId.equals(d.fields().get("transactionId"))).toList();
    }

    public List<Delivery> matching(Predicate<Delivery> filter) {
        return deliveries.stream().filter(filter).toList();
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (exchange; InputStream body = exchange.getRequestBody()) {
            String form = new String(body.readAllBytes(), StandardCharsets.UTF_8);
            deliveries.add(new Delivery(parse(form), firstValues(exchange), Instant.now()));
            int status = nextStatus();
            byte[] answer = (status == 200 ? "OK" : "NO").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
        }
    }

    private synchronized int nextStatus() {
        Integer next = scripted.pollFirst();
        return next == null ? 200 : next;
    }

    /** Each header's first value, under its lower-case name. */
    private static Map<String, String> firstValues(HttpExchange exchange) {
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) ->
                headers.put(name.toLowerCase(Locale.ROOT), values.isEmpty() ? "" : values.getFirst()));
        return headers;
    }

    private static Map<String, String> parse(String form) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : form.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            fields.put(key, value);
        }
        return fields;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** @param headers each request header's first value, by lower-case name */
    public record Delivery(Map<String, String> fields, Map<String, String> headers, Instant at) {

        public Delivery {
            headers = Map.copyOf(headers);
        }

        /** The header's first value (name in any case), or {@code null} if it was not sent. */
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public String contentType() {
            return header("Content-Type");
        }
    }
}
