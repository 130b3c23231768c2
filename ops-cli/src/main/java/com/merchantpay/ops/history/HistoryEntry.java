package com.merchantpay.ops.history;

import tools.jackson.databind.JsonNode;
import java.time.Instant;

/** One event of an order's history, where it sits and what it says. */
public record HistoryEntry(Instant time, String topic, int partition, long offset, String type, String traceId,
        JsonNode event) {
}
