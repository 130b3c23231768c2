package com.merchantpay.ops.cluster;

import java.time.Duration;
import picocli.CommandLine.Option;

/** Where the broker and the registry are; every command mixes these options in. */
public final class ClusterOptions {

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
            defaultValue = "${env:SPRING_KAFKA_BOOTSTRAP_SERVERS:-127.0.0.1:9092}",
            description = "Kafka bootstrap servers (env SPRING_KAFKA_BOOTSTRAP_SERVERS, as the services; default ${DEFAULT-VALUE}).")
    String bootstrapServers;

    @Option(names = "--registry-url", paramLabel = "URL",
            defaultValue = "${env:REGISTRY_URL:-http://127.0.0.1:8085}",
            description = "Schema registry root URL (env REGISTRY_URL; default ${DEFAULT-VALUE}).")
    String registryUrl;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "How long to wait for the broker or registry before giving up (default ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public String registryUrl() {
        return registryUrl;
    }

    public Duration timeout() {
        return Duration.ofSeconds(Math.max(1, timeoutSeconds));
    }
}
