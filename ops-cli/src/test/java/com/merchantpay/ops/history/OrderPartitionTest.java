package com.merchantpay.ops.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

/** history reads one partition per topic: the one Kafka's producer puts the order number on. */
class OrderPartitionTest {

    @Test
    void orderPartitionIsWhereTheProducersBuiltInPartitionerPutsAKey() {
        for (int partitions = 1; partitions <= 12; partitions++) {
            for (int n = 0; n < 200; n++) {
                String orderNo = "ORD-" + n;
                assertThat(OrderPartition.of(orderNo, partitions)).isEqualTo(
                        BuiltInPartitioner.partitionForKey(orderNo.getBytes(StandardCharsets.UTF_8), partitions));
            }
        }
    }
}
