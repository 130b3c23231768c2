package com.merchantpay.ops.lag;

import java.time.Duration;

/**
 * How far one group is behind on one partition.
 *
 * @param recordsBehind end offset minus committed offset
 * @param timeBehind    now minus the timestamp of the oldest unconsumed record; zero when caught up
 */
record PartitionLag(String group, String topic, int partition, long committed, long end, long recordsBehind,
        Duration timeBehind) {
}
