package com.merchantpay.ops.decoding;

import tools.jackson.databind.JsonNode;

/**
 * A record value as a human reads it.
 *
 * @param type     the writer schema's simple name (the event type), or a marker such as {@code (null)}
 *                 when the value is not in the registry's wire format
 * @param schemaId the registry id from the first five bytes, or -1
 * @param body     the decoded value as JSON
 */
public record DecodedValue(String type, int schemaId, JsonNode body) {

    /** The event's own trace id field, if it has one. */
    public String traceIdField() {
        JsonNode traceId = body.path("traceId");
        return traceId.isTextual() ? traceId.asString() : null;
    }
}
