package com.merchantpay.useepay.form;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code application/x-www-form-urlencoded} bodies, UTF-8, as UseePay sends and receives them.
 *
 * <p>Reading is strict on purpose: a signature is verified over the decoded values, so a body that
 * could be read two ways (a repeated key, a broken percent escape, bytes that are not UTF-8) is
 * refused rather than guessed at.
 */
public final class UrlEncodedForm {

    private UrlEncodedForm() {
    }

    /**
     * The fields of a form body in arrival order, values decoded ({@code +} is a space).
     *
     * @throws MalformedFormException on a repeated or empty key, a malformed percent escape or
     *                                bytes that are not UTF-8
     */
    public static Map<String, String> parse(byte[] body) {
        Map<String, String> fields = new LinkedHashMap<>();
        int start = 0;
        while (start <= body.length) {
            int end = indexOf(body, (byte) '&', start);
            if (end > start) {
                addPair(fields, body, start, end);
            }
            start = end + 1;
        }
        return Collections.unmodifiableMap(fields);
    }

    /** Encodes the fields in iteration order; null values are left out, empty ones sent as {@code k=}. */
    public static String encode(Map<String, String> fields) {
        StringBuilder body = new StringBuilder();
        for (Map.Entry<String, String> field : fields.entrySet()) {
            if (field.getValue() == null) {
                continue;
            }
            if (!body.isEmpty()) {
                body.append('&');
            }
            body.append(URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8))
                    .append('=')
                    .append(URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8));
        }
        return body.toString();
    }

    private static void addPair(Map<String, String> fields, byte[] body, int start, int end) {
        int equals = indexOf(body, (byte) '=', start);
        int keyEnd = Math.min(equals, end);
        String key = decode(body, start, keyEnd, null);
        if (key.isEmpty()) {
            throw new MalformedFormException("form field with an empty name");
        }
        String value = keyEnd < end ? decode(body, keyEnd + 1, end, key) : "";
        if (fields.putIfAbsent(key, value) != null) {
            throw new MalformedFormException("form field '" + printable(key) + "' appears more than once");
        }
    }

    private static String decode(byte[] body, int start, int end, String fieldName) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(end - start);
        for (int i = start; i < end; i++) {
            byte b = body[i];
            if (b == '+') {
                bytes.write(' ');
            } else if (b == '%') {
                if (i + 2 >= end || hex(body[i + 1]) < 0 || hex(body[i + 2]) < 0) {
                    throw new MalformedFormException("malformed percent-encoding in " + where(fieldName));
                }
                bytes.write(hex(body[i + 1]) << 4 | hex(body[i + 2]));
                i += 2;
            } else {
                bytes.write(b);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new MalformedFormException("not UTF-8 in " + where(fieldName));
        }
    }

    private static String where(String fieldName) {
        return fieldName == null ? "a field name" : "the value of '" + printable(fieldName) + "'";
    }

    /** Field names come from outside: keep them short and free of control characters in messages. */
    private static String printable(String text) {
        String shortened = text.length() > 40 ? text.substring(0, 40) + "..." : text;
        return shortened.replaceAll("\\p{Cntrl}", "?");
    }

    private static int indexOf(byte[] body, byte wanted, int from) {
        for (int i = from; i < body.length; i++) {
            if (body[i] == wanted) {
                return i;
            }
        }
        return body.length;
    }

    private static int hex(byte b) {
        return Character.digit(b, 16);
    }
}
