package com.merchantpay.schemas.serde;

import java.util.HashMap;
import java.util.Map;

/**
 * Settings of Apicurio's Avro serde that produce the Confluent wire format: magic byte 0, a 4-byte
 * schema id (the registry's content id, which its Confluent-compatible API serves at
 * {@code /apis/ccompat/v7/schemas/ids/<id>}), then the Avro binary body, and no id headers.
 * A consumer in any language with a Confluent-compatible client can read our topics.
 *
 * <p>Topics carry several record types, so schemas are registered per record name (Confluent's
 * RecordNameStrategy), not per topic.
 */
public final class RegistryWireFormat {

    public static final String SERIALIZER = "io.apicurio.registry.serde.avro.AvroKafkaSerializer";
    public static final String DESERIALIZER = "io.apicurio.registry.serde.avro.AvroKafkaDeserializer";

    private RegistryWireFormat() {
    }

    /** The registry's native v3 API under a base URL such as {@code http://127.0.0.1:8081}. */
    public static String registryApiUrl(String baseUrl) {
        String trimmed = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        return trimmed.endsWith("/apis/registry/v3") ? trimmed : trimmed + "/apis/registry/v3";
    }

    /** Serializer settings; {@code registryUrl} may be the base URL or the v3 API URL. */
    public static Map<String, Object> producerSerdeConfig(String registryUrl) {
        Map<String, Object> config = common(registryUrl);
        config.put("apicurio.registry.auto-register", "true");
        config.put("apicurio.registry.auto-register.if-exists", "FIND_OR_CREATE_VERSION");
        config.put("apicurio.registry.artifact-resolver-strategy",
                "io.apicurio.registry.serde.avro.strategy.RecordIdStrategy");
        return config;
    }

    /** Deserializer settings that return the generated specific record classes. */
    public static Map<String, Object> consumerSerdeConfig(String registryUrl) {
        Map<String, Object> config = common(registryUrl);
        config.put("apicurio.registry.use-specific-avro-reader", "true");
        return config;
    }

    private static Map<String, Object> common(String registryUrl) {
        Map<String, Object> config = new HashMap<>();
        config.put("apicurio.registry.url", registryApiUrl(registryUrl));
        config.put("apicurio.registry.headers.enabled", "false");
        config.put("apicurio.registry.id-handler", "io.apicurio.registry.serde.Default4ByteIdHandler");
        config.put("apicurio.registry.use-id", "contentId");
        // The JDK HttpClient instead of the default Vert.x client: Vert.x 4.5 is built for Netty 4.1,
        // our services run Netty 4.2, and a schema lookup through Vert.x was seen to hang for ever.
        config.put("apicurio.registry.http.adapter", "JDK");
        return config;
    }
}
