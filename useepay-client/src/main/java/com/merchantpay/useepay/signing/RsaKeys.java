package com.merchantpay.useepay.signing;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/** Reads RSA keys given as Base64 (optionally PEM-armoured) text, as configuration supplies them. */
public final class RsaKeys {

    private RsaKeys() {
    }

    /** A PKCS#8 private key. The message of a failure never contains key material. */
    public static PrivateKey privateKey(String base64OrPem) {
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(decode(base64OrPem)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not a PKCS#8 RSA private key");
        }
    }

    /** An X.509 (SubjectPublicKeyInfo) public key. */
    public static PublicKey publicKey(String base64OrPem) {
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(decode(base64OrPem)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not an X.509 RSA public key");
        }
    }

    private static byte[] decode(String base64OrPem) {
        String body = base64OrPem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }
}
