package com.merchantpay.sandbox.useepay;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** The form fields of one {@code /api} call, with the field rules the contract states. */
record ApiFields(Map<String, String> values) {

    private static final Pattern AMOUNT = Pattern.compile("[1-9][0-9]{0,11}");
    private static final Pattern VISIBLE_ASCII = Pattern.compile("[\\x21-\\x7E]+");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    ApiFields {
        values = Map.copyOf(values);
    }

    String transactionType() {
        return values.getOrDefault("transactionType", "");
    }

    Optional<String> optional(String name, int maxLength) {
        String value = values.get(name);
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        if (value.length() > maxLength) {
            throw new InvalidParameter(name + " is longer than " + maxLength + " characters");
        }
        return Optional.of(value);
    }

    String required(String name, int maxLength) {
        return optional(name, maxLength).orElseThrow(() -> new InvalidParameter(name + " is required"));
    }

    String requiredExactly(String name, String expected) {
        String value = required(name, 64);
        if (!value.equals(expected)) {
            throw new InvalidParameter(name + " must be " + expected);
        }
        return value;
    }

    /** An order number: visible ASCII, no spaces, up to 64 characters. */
    String identifier(String name) {
        String value = required(name, 64);
        if (!VISIBLE_ASCII.matcher(value).matches()) {
            throw new InvalidParameter(name + " has characters outside visible ASCII");
        }
        return value;
    }

    long amount() {
        String value = required("amount", 12);
        if (!AMOUNT.matcher(value).matches()) {
            throw new InvalidParameter("amount must be a positive integer in minor units, up to 12 digits");
        }
        return Long.parseLong(value);
    }

    String currency(java.util.Set<String> accepted) {
        String value = required("currency", 3);
        if (!CURRENCY.matcher(value).matches() || !accepted.contains(value)) {
            throw new InvalidParameter("currency " + value + " is not supported");
        }
        return value;
    }

    String httpUrl(String name) {
        String value = required(name, 512);
        try {
            URI uri = URI.create(value);
            if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                throw new InvalidParameter(name + " must be an absolute http(s) URL");
            }
        } catch (IllegalArgumentException e) {
            throw new InvalidParameter(name + " is not a URL");
        }
        return value;
    }

    int minutes(String name, int min, int max, int fallback) {
        Optional<String> value = optional(name, 3);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            int minutes = Integer.parseInt(value.get());
            if (minutes < min || minutes > max) {
                throw new InvalidParameter(name + " must be between " + min + " and " + max + " minutes");
            }
            return minutes;
        } catch (NumberFormatException e) {
            throw new InvalidParameter(name + " must be a whole number of minutes");
        }
    }

    /** A JSON-object field (nested objects travel as JSON text inside a form field). */
    Map<String, Object> jsonObject(String name, int maxLength, JsonMapper json) {
        return json(name, required(name, maxLength), json);
    }

    Optional<Map<String, Object>> optionalJsonObject(String name, int maxLength, JsonMapper json) {
        return optional(name, maxLength).map(text -> json(name, text, json));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(String name, String text, JsonMapper json) {
        try {
            Object parsed = json.readValue(text, Object.class);
            if (parsed instanceof Map<?, ?> map) {
                return (Map<String, Object>) map;
            }
        } catch (JacksonException e) {
            // fall through: the caller gets the same answer as for a non-object
        }
        throw new InvalidParameter(name + " must be a JSON object");
    }

    static String text(Map<String, Object> object, String owner, String key, int maxLength) {
        if (!(object.get(key) instanceof String value) || value.isBlank()) {
            throw new InvalidParameter(owner + "." + key + " is required");
        }
        if (value.length() > maxLength) {
            throw new InvalidParameter(owner + "." + key + " is longer than " + maxLength + " characters");
        }
        return value;
    }
}
