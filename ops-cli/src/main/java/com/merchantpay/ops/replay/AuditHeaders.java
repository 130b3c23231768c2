package com.merchantpay.ops.replay;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;

/**
 * Headers every replayed record gains, as UTF-8 text (partition and offset in decimal). They say
 * where the copy came from, and they are what a resumed replay reads to skip what is already copied.
 */
public final class AuditHeaders {

    public static final String REPLAY_ID = "replay-id";
    public static final String REPLAY_BY = "replay-by";
    public static final String REPLAY_AT = "replay-at";
    public static final String SOURCE_TOPIC = "replay-source-topic";
    public static final String SOURCE_PARTITION = "replay-source-partition";
    public static final String SOURCE_OFFSET = "replay-source-offset";

    private AuditHeaders() {
    }

    static void add(Headers headers, String name, Object value) {
        headers.add(name, String.valueOf(value).getBytes(StandardCharsets.UTF_8));
    }
}
