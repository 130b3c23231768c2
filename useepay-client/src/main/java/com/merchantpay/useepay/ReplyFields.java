package com.merchantpay.useepay;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A UseePay JSON reply as the flat field map its signature covers: every top-level field's value as
 * a string. Strings are taken decoded (a JSON-text field such as {@code redirectParam} is signed as
 * the text inside the quotes); numbers and booleans exactly as written; nulls left out (empty
 * values are not signed). A nested object or array, which the contract does not expect, is taken
 * as its compact JSON text, the closest guess at what the other side signed.
 */
final class ReplyFields {

    /** Rejecting duplicate keys: two readings of one reply must never be possible. */
    static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private ReplyFields() {
    }

    /** The fields of a JSON object text; empty when the text is not exactly one JSON object. */
    static Optional<Map<String, String>> parse(String json) {
        if (json == null) {
            return Optional.empty();
        }
        try (JsonParser parser = JSON.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            Map<String, String> fields = new LinkedHashMap<>();
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                String value = valueText(parser, parser.nextToken());
                if (value != null) {
                    fields.put(name, value);
                }
            }
            return parser.nextToken() == null ? Optional.of(fields) : Optional.empty();
        } catch (JacksonException e) {
            return Optional.empty();
        }
    }

    private static String valueText(JsonParser parser, JsonToken token) {
        return switch (token) {
            case START_OBJECT, START_ARRAY -> JSON.writeValueAsString(parser.readValueAsTree());
            case VALUE_NULL -> null;
            default -> parser.getString();
        };
    }
}
