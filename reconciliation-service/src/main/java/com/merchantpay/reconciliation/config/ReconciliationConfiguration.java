package com.merchantpay.reconciliation.config;

import com.merchantpay.reconciliation.query.StragglerQueries;
import com.merchantpay.reconciliation.tracking.DeadLetters;
import com.merchantpay.reconciliation.tracking.ReconciliationStreams;
import com.merchantpay.reconciliation.tracking.ReconciliationTopology;
import com.merchantpay.reconciliation.tracking.StragglerCensus;
import com.merchantpay.reconciliation.tracking.TrackingSettings;
import com.merchantpay.schemas.serde.RegistryWireFormat;
import com.merchantpay.useepay.UseePayClient;
import com.merchantpay.useepay.signing.Md5SignatureScheme;
import com.merchantpay.useepay.signing.MerchantKey;
import com.merchantpay.useepay.signing.RsaKeys;
import com.merchantpay.useepay.signing.RsaSignatureScheme;
import com.merchantpay.useepay.signing.SignType;
import com.merchantpay.useepay.signing.SignatureScheme;
import io.apicurio.registry.serde.avro.AvroSerde;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.StreamsConfig;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** Wires the features together: UseePay client → query executor → tracker topology → Kafka Streams. */
@Configuration(proxyBeanMethods = false)
class ReconciliationConfiguration {

    static final String MD5_KEY_ENV = "USEEPAY_MD5_KEY";
    static final String MERCHANT_PRIVATE_KEY_ENV = "USEEPAY_MERCHANT_PRIVATE_KEY";
    static final String USEEPAY_PUBLIC_KEY_ENV = "USEEPAY_PUBLIC_KEY";

    @Bean(destroyMethod = "close")
    UseePayClient useePayClient(UseePayProperties useepay, Environment environment) {
        return UseePayClient.create(useepay.settings(), signatureScheme(useepay.signType(), environment));
    }

    /** Keys are read from the environment only, and only here; a missing one stops the start-up. */
    private static SignatureScheme signatureScheme(SignType type, Environment environment) {
        return switch (type) {
            case MD5 -> new Md5SignatureScheme(new MerchantKey(requiredSecret(environment, MD5_KEY_ENV)));
            case RSA -> new RsaSignatureScheme(
                    RsaKeys.privateKey(requiredSecret(environment, MERCHANT_PRIVATE_KEY_ENV)),
                    RsaKeys.publicKey(requiredSecret(environment, USEEPAY_PUBLIC_KEY_ENV)));
        };
    }

    private static String requiredSecret(Environment environment, String name) {
        String value = environment.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("environment variable " + name + " is not set");
        }
        return value;
    }

    @Bean(destroyMethod = "close")
    StragglerQueries stragglerQueries(UseePayClient useePay, ReconciliationProperties properties, MeterRegistry meters) {
        ReconciliationProperties.Queries queries = properties.queries();
        return new StragglerQueries(useePay::queryByOrderNumber, queries.concurrency(),
                Math.max(queries.capacity(), queries.concurrency()), queries.deadline(), Clock.systemUTC(), meters);
    }

    @Bean
    StragglerCensus stragglerCensus(MeterRegistry meters) {
        return new StragglerCensus(meters);
    }

    @Bean
    ReconciliationStreams reconciliationStreams(ReconciliationProperties properties, StragglerQueries queries,
            StragglerCensus census, MeterRegistry meters,
            @Value("${spring.kafka.bootstrap-servers}") String bootstrapServers,
            @Value("${registry.url}") String registryUrl) {
        TrackingSettings settings = new TrackingSettings(properties.timeline(), properties.tick(),
                properties.censusInterval(), properties.endedRetention());
        return new ReconciliationStreams(
                ReconciliationTopology.build(settings, events(registryUrl), queries, census, meters),
                streamsConfig(properties.streams(), bootstrapServers));
    }

    /** One serde for every event type of the topics read and written, in the registry's wire format. */
    private static Serde<SpecificRecord> events(String registryUrl) {
        Map<String, Object> config = new HashMap<>(RegistryWireFormat.consumerSerdeConfig(registryUrl));
        config.putAll(RegistryWireFormat.producerSerdeConfig(registryUrl));
        AvroSerde<SpecificRecord> serde = new AvroSerde<>();
        serde.configure(config, false);
        return serde;
    }

    private static Properties streamsConfig(ReconciliationProperties.Streams streams, String bootstrapServers) {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, streams.applicationId());
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        config.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, streams.threads());
        config.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, streams.replicationFactor());
        config.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetters.class.getName());
        config.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetters.class.getName());
        config.put(StreamsConfig.producerPrefix(ProducerConfig.ACKS_CONFIG), "all");
        if (streams.stateDir() != null && !streams.stateDir().isBlank()) {
            config.put(StreamsConfig.STATE_DIR_CONFIG, streams.stateDir());
        }
        return config;
    }
}
