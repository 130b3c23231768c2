package com.merchantpay.reconciliation.config;

import com.merchantpay.reconciliation.query.PspStatusLookup;
import com.merchantpay.reconciliation.query.StragglerQueries;
import com.merchantpay.reconciliation.tracking.ReconciliationTopology;
import com.merchantpay.reconciliation.tracking.StragglerCensus;
import com.merchantpay.reconciliation.tracking.TrackingSettings;
import com.merchantpay.schemas.kafka.PollWatchdog;
import com.merchantpay.schemas.kafka.StreamsRunner;
import com.merchantpay.schemas.kafka.StreamsSettings;
import com.merchantpay.schemas.kafka.TopicsInUse;
import com.merchantpay.schemas.registry.RegisteredSchemas;
import com.merchantpay.schemas.serde.EventDeserializer;
import com.merchantpay.schemas.serde.EventSerializer;
import com.merchantpay.schemas.topics.PaymentTopics;
import com.merchantpay.useepay.UseePayClient;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the features together: UseePay client (useepay-client's auto-configuration) → query executor → tracker topology → Kafka Streams. */
@Configuration(proxyBeanMethods = false)
class ReconciliationConfiguration {

    @Bean(destroyMethod = "close")
    StragglerQueries stragglerQueries(UseePayClient useePay, ReconciliationProperties properties, MeterRegistry meters) {
        ReconciliationProperties.Queries queries = properties.queries();
        PspStatusLookup lookup = job -> job.refund() ? useePay.queryRefund(job.orderNo()) : useePay.queryByOrderNumber(job.orderNo());
        return new StragglerQueries(lookup, queries.concurrency(),
                Math.max(queries.capacity(), queries.concurrency()), queries.deadline(), Clock.systemUTC(), meters);
    }

    @Bean
    StragglerCensus stragglerCensus(MeterRegistry meters) {
        return new StragglerCensus(meters);
    }

    /** Reads orders, notifications, its own queries, approved refunds and outcomes; writes queries and alerts. */
    @Bean
    TopicsInUse topicsInUse() {
        return TopicsInUse.of(PaymentTopics.ORDERS, PaymentTopics.PSP_FINDINGS, PaymentTopics.PSP_QUERIES,
                PaymentTopics.REFUNDS, PaymentTopics.OUTCOMES, PaymentTopics.ALERTS);
    }

    /** The tracker, run by the team's StreamsRunner; its health is the {@code reconciliationStreams} indicator. */
    @Bean(name = "reconciliationStreams")
    StreamsRunner reconciliationStreams(ReconciliationProperties properties, StragglerQueries queries,
            StragglerCensus census, MeterRegistry meters, KafkaProperties kafka, RegisteredSchemas schemas,
            PollWatchdog watchdog) {
        TrackingSettings tracking = properties.tracking();
        ReconciliationProperties.Streams streams = properties.streams();
        StreamsSettings settings = new StreamsSettings(streams.applicationId(), String.join(",", kafka.getBootstrapServers()),
                streams.commitInterval(), new StreamsSettings.InputFetch(streams.fetchMaxWait(), (int) streams.fetchMinBytes().toBytes()),
                streams.threads(), streams.replicationFactor(), 0, streams.stateDir());
        return new StreamsRunner(settings, () -> ReconciliationTopology.build(tracking, new EventDeserializer(schemas),
                new EventSerializer(schemas), queries, census, meters), meters, watchdog);
    }
}
