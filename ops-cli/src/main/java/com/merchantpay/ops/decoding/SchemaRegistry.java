package com.merchantpay.ops.decoding;

import com.merchantpay.ops.cluster.ExitCode;
import com.merchantpay.ops.cluster.OpsFailure;
import com.merchantpay.schemas.registry.RegistrySettings;
import com.merchantpay.schemas.registry.RegistryUnavailableException;
import com.merchantpay.schemas.registry.SchemaNotRegisteredException;
import com.merchantpay.schemas.registry.SchemaRegistryClient;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * Writer schemas by the id in a record's first five bytes, from the registry's Confluent-compatible
 * API, exactly as any subscriber fetches them (every event is registered whole, without
 * references). Each id is fetched once per run.
 */
public final class SchemaRegistry {

    private final SchemaRegistryClient registry;
    private final Map<Integer, Optional<Schema>> schemas = new ConcurrentHashMap<>();

    public SchemaRegistry(String baseUrl, Duration timeout) {
        try {
            this.registry = new SchemaRegistryClient(new RegistrySettings(baseUrl, timeout, 2, Duration.ofMillis(200)));
        } catch (IllegalArgumentException e) {
            throw OpsFailure.usage("bad registry URL " + baseUrl + ": " + e.getMessage());
        }
    }

    /** The writer schema with this id; empty when the registry does not know the id (a poison record). */
    public Optional<Schema> schema(int id) {
        return schemas.computeIfAbsent(id, this::fetch);
    }

    private Optional<Schema> fetch(int id) {
        try {
            return Optional.of(registry.schemaById(id));
        } catch (SchemaNotRegisteredException unknown) {
            return Optional.empty();
        } catch (RegistryUnavailableException e) {
            throw OpsFailure.unreachable("registry " + registry.settings().baseUrl() + " did not answer: " + e.getMessage());
        } catch (RuntimeException e) {
            throw new OpsFailure(ExitCode.FAILED, "registry " + registry.settings().baseUrl() + " failed: " + e.getMessage());
        }
    }
}
