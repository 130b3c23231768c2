package com.merchantpay.useepay.signing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/** {@code MD5}: lower-case hex MD5 of the signing content followed by {@code &pkey=<merchant key>}. */
public final class Md5SignatureScheme implements SignatureScheme {

    private final MerchantKey key;

    public Md5SignatureScheme(MerchantKey key) {
        this.key = key;
    }

    @Override
    public SignType type() {
        return SignType.MD5;
    }

    @Override
    public String sign(Map<String, String> fields) {
        String content = SigningContent.of(fields) + "&pkey=" + key.reveal();
        return HexFormat.of().formatHex(md5(content.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public boolean verify(Map<String, String> fields) {
        String presented = fields.get(SigningContent.SIGN_FIELD);
        if (presented == null) {
            return false;
        }
        byte[] expected = sign(fields).getBytes(StandardCharsets.US_ASCII);
        // Hex is case-insensitive in meaning; normalise before the constant-time compare.
        byte[] actual = presented.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, actual);
    }

    @Override
    public String toString() {
        return "Md5SignatureScheme[key=***]";
    }

    private static byte[] md5(byte[] input) {
        try {
            return MessageDigest.getInstance("MD5").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM ships MD5", e);
        }
    }
}
