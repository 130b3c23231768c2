package com.merchantpay.ops.decoding;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/** Header values as text: our own headers (trace id, audit headers) are UTF-8 strings. */
public final class HeaderText {

    private HeaderText() {
    }

    /** The last value of the header as UTF-8 text, or null when absent. */
    public static String last(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** Every header as name → text (last value wins), for display. */
    public static Map<String, String> all(Headers headers) {
        Map<String, String> texts = new LinkedHashMap<>();
        for (Header header : headers) {
            texts.put(header.key(), header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8));
        }
        return texts;
    }
}
