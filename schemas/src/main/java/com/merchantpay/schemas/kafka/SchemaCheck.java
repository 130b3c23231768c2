package com.merchantpay.schemas.kafka;

import com.merchantpay.schemas.registry.RegisteredSchemas;
import com.merchantpay.schemas.registry.RegistryUnavailableException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Before any consumer or producer of the service starts, looks up the schema of every event on the
 * topics it uses, so no send and no poll ever waits on the registry for them afterwards. A schema
 * that is not registered stops the start with a message that names it (registration is a
 * deployment step; services never register). A registry that does not answer is waited for, up to
 * {@link RegistryProperties#startupWait()}, then the start fails. As the {@code schemas} health
 * indicator it is UP once every schema is known.
 */
public final class SchemaCheck extends StartupCheck implements HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(SchemaCheck.class);

    private final RegisteredSchemas schemas;
    private final TopicsInUse topics;
    private final Duration startupWait;

    public SchemaCheck(RegisteredSchemas schemas, TopicsInUse topics, Duration startupWait) {
        this.schemas = schemas;
        this.topics = topics;
        this.startupWait = startupWait;
    }

    @Override
    protected void check() {
        long deadline = System.nanoTime() + startupWait.toNanos();
        while (true) {
            try {
                schemas.require(topics.topics());
                log.info("schemas of {} known", topics.topics().stream().map(topic -> topic.name()).toList());
                return;
            } catch (RegistryUnavailableException e) {
                if (Thread.currentThread().isInterrupted()) {
                    // The process is being stopped while it starts: every further call would fail at once.
                    throw new IllegalStateException("interrupted while waiting for the schema registry", e);
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the schema registry did not answer for " + startupWait, e);
                }
                log.warn("waiting for the schema registry: {}", e.getMessage());
            }
        }
    }

    @Override
    public Health health() {
        return schemas.knowsAll(topics.topics()) ? Health.up().build() : Health.down().withDetail("schemas", "not looked up yet").build();
    }
}
