package com.merchantpay.notify.outcome;

import com.merchantpay.schemas.topics.PaymentTopics;
import java.time.Duration;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * One source over the input topics (orders, notifications, reconciliation's queries, refund
 * requests and the refund workflow; co-partitioned by order number, so an order's events meet in
 * one task), one stateful processor, four sinks. Every store is persistent and changelogged: a restarted or moved task resumes with
 * exactly the state its last committed transaction left.
 */
public final class OutcomeTopology {

    static final String INPUTS = "payment-inputs";
    static final String SETTLEMENT = "settlement";
    static final String OUTCOMES_SINK = "outcomes";
    static final String ALERTS_SINK = "alerts";
    static final String REFUNDS_SINK = "refunds";
    static final String REFUND_REQUESTS_SINK = "refund-requests";

    /** Every input topic of the one source, in the order they are named to it. */
    static final List<String> INPUT_TOPICS = List.of(PaymentTopics.ORDERS.name(), PaymentTopics.PSP_FINDINGS.name(),
            PaymentTopics.PSP_QUERIES.name(), PaymentTopics.REFUND_REQUESTS.name(), PaymentTopics.REFUNDS.name());

    private OutcomeTopology() {
    }

    /**
     * @param events      reads the inputs (registry wire format)
     * @param writer      writes outcomes and alerts (registry wire format)
     * @param findingWait how long a finding waits for its OrderCreated before a FindingWithoutOrder alert
     * @param waitCheck   how often the wait (and the retention) is checked (wall-clock)
     * @param retention   how long a settled order is remembered; older inputs are skipped
     */
    public static Topology build(Deserializer<Object> events, Serializer<SpecificRecord> writer, Duration findingWait,
                                 Duration waitCheck, Duration retention, io.micrometer.core.instrument.MeterRegistry meters) {
        return build(events, writer, findingWait, waitCheck, retention, new OutcomeMetrics(meters));
    }

    /**
     * As {@link #build(Deserializer, Serializer, Duration, Duration, Duration, io.micrometer.core.instrument.MeterRegistry)},
     * reporting into {@code metrics}. A topology built again
     * (a restart) must be given the same metrics: a registry keeps the gauges registered first, so the
     * refund-owed gauges of a second {@link OutcomeMetrics} would never be read.
     */
    static Topology build(Deserializer<Object> events, Serializer<SpecificRecord> writer, Duration findingWait,
                          Duration waitCheck, Duration retention, OutcomeMetrics metrics) {
        Topology topology = new Topology();
        topology.addSource(INPUTS, Serdes.String().deserializer(), events, INPUT_TOPICS.toArray(String[]::new));
        topology.addProcessor(SETTLEMENT, () -> new OutcomeProcessor(findingWait, waitCheck, retention, metrics), INPUTS);
        topology.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(OutcomeProcessor.SETTLEMENTS), Serdes.String(), new SettlementSerde()), SETTLEMENT);
        topology.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(OutcomeProcessor.AWAITING_ORDER), Serdes.String(), Serdes.Long()), SETTLEMENT);
        topology.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(OutcomeProcessor.SETTLED_AT), Serdes.String(), Serdes.String()), SETTLEMENT);
        topology.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(OutcomeProcessor.REQUIRED_REFUNDS), Serdes.String(), Serdes.Long()), SETTLEMENT);
        topology.addSink(OUTCOMES_SINK, PaymentTopics.OUTCOMES.name(), Serdes.String().serializer(),
                writer, SETTLEMENT);
        topology.addSink(REFUNDS_SINK, PaymentTopics.REFUNDS.name(), Serdes.String().serializer(), writer, SETTLEMENT);
        topology.addSink(REFUND_REQUESTS_SINK, PaymentTopics.REFUND_REQUESTS.name(), Serdes.String().serializer(), writer, SETTLEMENT);
        topology.addSink(ALERTS_SINK, PaymentTopics.ALERTS.name(), Serdes.String().serializer(),
                writer, SETTLEMENT);
        return topology;
    }
}
