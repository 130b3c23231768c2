package com.merchantpay.useepay.signing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.Map;

/**
 * {@code RSA}: SHA256withRSA (PKCS#1 v1.5), Base64. We sign with our private key and verify
 * the other side's messages with its public key (the merchant verifies UseePay's replies and
 * notifications with UseePay's public key; the sandbox does the reverse).
 */
public final class RsaSignatureScheme implements SignatureScheme {

    private static final String ALGORITHM = "SHA256withRSA";

    private final PrivateKey signingKey;
    private final PublicKey verifyingKey;

    public RsaSignatureScheme(PrivateKey signingKey, PublicKey verifyingKey) {
        this.signingKey = signingKey;
        this.verifyingKey = verifyingKey;
    }

    @Override
    public SignType type() {
        return SignType.RSA;
    }

    @Override
    public String sign(Map<String, String> fields) {
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initSign(signingKey);
            signature.update(SigningContent.of(fields).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA signing failed", e);
        }
    }

    /** Signature.verify does not leak how much of the signature matched, so it is safe to use as is. */
    @Override
    public boolean verify(Map<String, String> fields) {
        String presented = fields.get(SigningContent.SIGN_FIELD);
        if (presented == null || presented.isEmpty()) {
            return false;
        }
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initVerify(verifyingKey);
            signature.update(SigningContent.of(fields).getBytes(StandardCharsets.UTF_8));
            return signature.verify(Base64.getDecoder().decode(presented));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "RsaSignatureScheme[keys=***]";
    }
}
