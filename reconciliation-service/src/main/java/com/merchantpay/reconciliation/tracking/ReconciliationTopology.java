package com.merchantpay.reconciliation.tracking;

import com.merchantpay.reconciliation.query.StragglerQueries;
import com.merchantpay.schemas.topics.PaymentTopics;
import com.merchantpay.schemas.kafka.RecordAges;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * Orders, findings and outcomes (co-partitioned: same key, same partition count) feed one tracker
 * per partition; it writes findings and gave-up alerts. One source over the three topics keeps an
 * order's events in one task with one store, whatever topic they came from.
 */
public final class ReconciliationTopology {

    private static final String SOURCE = "order-events";
    private static final String TRACKER = "tracker";

    /** Every input topic of the one source. */
    static final List<String> INPUT_TOPICS = List.of(PaymentTopics.ORDERS.name(), PaymentTopics.PSP_FINDINGS.name(),
            PaymentTopics.PSP_QUERIES.name(), PaymentTopics.REFUNDS.name(), PaymentTopics.OUTCOMES.name());

    private ReconciliationTopology() {
    }

    public static Topology build(TrackingSettings settings, Deserializer<Object> events, Serializer<SpecificRecord> writer,
            StragglerQueries queries, StragglerCensus census, MeterRegistry meters) {
        Counter gaveUp = Counter.builder("reconciliation.gave.up")
                .description("Orders given up past expiry + margin without a final status (each one alerts)")
                .register(meters);
        Counter pastHorizon = Counter.builder("reconciliation.inputs.past_horizon")
                .description("Input records older than the ended-order retention: history, never tracked again")
                .register(meters);
        Serde<String> keys = Serdes.String();
        Topology topology = new Topology();
        topology.addSource(SOURCE, keys.deserializer(), events, INPUT_TOPICS.toArray(String[]::new));
        topology.addProcessor(TRACKER, () -> new OrderTracker(settings, queries, census, gaveUp, pastHorizon,
                applicationId -> new RecordAges(meters, applicationId, INPUT_TOPICS)), SOURCE);
        topology.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(TrackedOrders.ORDERS_STORE), keys, new TrackedOrderSerde()), TRACKER);
        topology.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(TrackedOrders.AGENDA_STORE), keys, Serdes.String()), TRACKER);
        topology.addSink(OrderTracker.QUERIES_SINK, PaymentTopics.PSP_QUERIES.name(),
                keys.serializer(), writer, TRACKER);
        topology.addSink(OrderTracker.ALERTS_SINK, PaymentTopics.ALERTS.name(),
                keys.serializer(), writer, TRACKER);
        return topology;
    }
}
