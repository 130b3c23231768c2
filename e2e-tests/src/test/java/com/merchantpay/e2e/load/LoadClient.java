package com.merchantpay.e2e.load;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.MissingNode;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * The load generator's HTTP side: one non-blocking WebClient over a connection pool large enough
 * for every virtual user, JSON bodies as text (no codec work beyond what a client must do), and
 * only loopback targets: a URL with another host is refused.
 */
final class LoadClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** An answer: status and body as JSON (missing when empty or not JSON). */
    record Answer(int status, JsonNode body) {
    }

    private final ConnectionProvider pool = ConnectionProvider.builder("load-driver").maxConnections(2048)
            .pendingAcquireMaxCount(-1).pendingAcquireTimeout(Duration.ofSeconds(60)).build();
    private final WebClient web = WebClient.builder()
            .clientConnector(new ReactorClientHttpConnector(HttpClient.create(pool).responseTimeout(Duration.ofSeconds(60))))
            // A Prometheus scrape of a busy service is well above the 256 KB default.
            .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(16 * 1024 * 1024))
            .build();

    Mono<Answer> post(URI url, String json, Map<String, String> headers) {
        return web.post().uri(loopback(url)).contentType(MediaType.APPLICATION_JSON).accept(MediaType.APPLICATION_JSON)
                .headers(all -> headers.forEach(all::set)).bodyValue(json)
                .exchangeToMono(response -> response.bodyToMono(String.class).defaultIfEmpty("")
                        .map(body -> new Answer(response.statusCode().value(), parse(body))));
    }

    Mono<Answer> get(URI url, Map<String, String> headers) {
        return web.get().uri(loopback(url)).accept(MediaType.APPLICATION_JSON).headers(all -> headers.forEach(all::set))
                .exchangeToMono(response -> response.bodyToMono(String.class).defaultIfEmpty("")
                        .map(body -> new Answer(response.statusCode().value(), parse(body))));
    }

    /** Plain text GET (Prometheus scrapes). */
    Mono<String> text(URI url) {
        return web.get().uri(loopback(url)).retrieve().bodyToMono(String.class);
    }

    static String json(Object value) {
        return JSON.writeValueAsString(value);
    }

    private static URI loopback(URI url) {
        if (!"127.0.0.1".equals(url.getHost()) && !"localhost".equals(url.getHost())) {
            throw new IllegalArgumentException("The load driver only targets loopback, not " + url.getHost());
        }
        return url;
    }

    private static JsonNode parse(String body) {
        if (body.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(body);
        } catch (JacksonException notJson) {
            return MissingNode.getInstance();
        }
    }

    @Override
    public void close() {
        pool.dispose();
    }
}
