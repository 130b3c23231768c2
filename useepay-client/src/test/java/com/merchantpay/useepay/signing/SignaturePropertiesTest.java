package com.merchantpay.useepay.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The signing rules as properties, for both schemes. */
class SignaturePropertiesTest {

    private static final KeyPair RSA_KEYS = rsaKeys();
    private static final Md5SignatureScheme MD5 = new Md5SignatureScheme(new MerchantKey("TESTKEY123"));
    private static final RsaSignatureScheme RSA = new RsaSignatureScheme(RSA_KEYS.getPrivate(), RSA_KEYS.getPublic());

    @Provide
    Arbitrary<SignatureScheme> schemes() {
        return Arbitraries.of(MD5, RSA);
    }

    @Provide
    Arbitrary<Map<String, String>> fields() {
        return Arbitraries.maps(names(), values()).ofMinSize(1).ofMaxSize(10).map(LinkedHashMap::new);
    }

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.strings().alpha().numeric().withChars('_').ofMinLength(1).ofMaxLength(16)
                .filter(name -> !name.equals("sign"));
    }

    /** Any text without lone surrogates (they have no UTF-8 form), JSON and separators included. */
    @Provide
    Arbitrary<String> values() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withCharRange(' ', '\uD7FF').ofMinLength(1).ofMaxLength(24),
                Arbitraries.strings().withChars("{}\":,&=+% é測").ofMinLength(1).ofMaxLength(12));
    }

    private static Map<String, String> signedBy(SignatureScheme scheme, Map<String, String> fields) {
        Map<String, String> signed = new LinkedHashMap<>(fields);
        signed.put("sign", scheme.sign(fields));
        return signed;
    }

    @Property(tries = 300)
    void whatWasSignedVerifies(@ForAll("schemes") SignatureScheme scheme, @ForAll("fields") Map<String, String> fields) {
        assertThat(scheme.verify(signedBy(scheme, fields))).isTrue();
    }

    @Property(tries = 300)
    void anyChangeToAnySignedFieldBreaksTheSignature(@ForAll("schemes") SignatureScheme scheme,
                                                     @ForAll("fields") Map<String, String> fields,
                                                     @ForAll int pick,
                                                     @ForAll("values") String replacement) {
        List<String> names = new ArrayList<>(fields.keySet());
        String changed = names.get(Math.floorMod(pick, names.size()));
        Assume.that(!fields.get(changed).equals(replacement));
        Map<String, String> tampered = signedBy(scheme, fields);
        tampered.put(changed, replacement);
        assertThat(scheme.verify(tampered)).isFalse();
    }

    @Property(tries = 300)
    void droppingASignedFieldBreaksTheSignature(@ForAll("schemes") SignatureScheme scheme,
                                                @ForAll("fields") Map<String, String> fields,
                                                @ForAll int pick) {
        List<String> names = new ArrayList<>(fields.keySet());
        Map<String, String> tampered = signedBy(scheme, fields);
        tampered.remove(names.get(Math.floorMod(pick, names.size())));
        assertThat(scheme.verify(tampered)).isFalse();
    }

    @Property(tries = 300)
    void anUnknownFieldIsCoveredByTheSignature(@ForAll("schemes") SignatureScheme scheme,
                                               @ForAll("fields") Map<String, String> fields,
                                               @ForAll("names") String extraName,
                                               @ForAll("values") String extraValue) {
        Assume.that(!fields.containsKey(extraName));
        Map<String, String> withExtra = signedBy(scheme, fields);
        withExtra.put(extraName, extraValue);
        assertThat(scheme.verify(withExtra)).isFalse();

        Map<String, String> signedWithExtra = new LinkedHashMap<>(fields);
        signedWithExtra.put(extraName, extraValue);
        assertThat(scheme.verify(signedBy(scheme, signedWithExtra))).isTrue();
    }

    @Property(tries = 300)
    void fieldOrderOnTheWireDoesNotMatter(@ForAll("schemes") SignatureScheme scheme,
                                          @ForAll("fields") Map<String, String> fields,
                                          @ForAll long seed) {
        List<Map.Entry<String, String>> entries = new ArrayList<>(fields.entrySet());
        Collections.shuffle(entries, new Random(seed));
        Map<String, String> shuffled = new LinkedHashMap<>();
        entries.forEach(entry -> shuffled.put(entry.getKey(), entry.getValue()));

        assertThat(scheme.sign(shuffled)).isEqualTo(scheme.sign(fields));
        assertThat(scheme.verify(signedBy(scheme, shuffled))).isTrue();
    }

    @Property(tries = 300)
    void emptyValuesAreNotSigned(@ForAll("schemes") SignatureScheme scheme,
                                 @ForAll("fields") Map<String, String> fields,
                                 @ForAll("names") String emptyName) {
        Assume.that(!fields.containsKey(emptyName));
        Map<String, String> withEmpty = new LinkedHashMap<>(fields);
        withEmpty.put(emptyName, "");
        assertThat(scheme.sign(withEmpty)).isEqualTo(scheme.sign(fields));
        Map<String, String> signedThenEmptyAdded = signedBy(scheme, fields);
        signedThenEmptyAdded.put(emptyName, "");
        assertThat(scheme.verify(signedThenEmptyAdded)).isTrue();
    }

    /** Checked against an independent MD5 and SHA256withRSA over the UTF-8 and the Latin-1 bytes. */
    @Property(tries = 200)
    void nonAsciiTextIsSignedAsUtf8(@ForAll("latin1Subjects") String subject) throws GeneralSecurityException {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("orderInfo", "{\"subject\":\"" + subject + "\"}");
        fields.put("signType", "MD5");
        String content = "orderInfo={\"subject\":\"" + subject + "\"}&signType=MD5";

        String md5 = MD5.sign(fields);
        assertThat(md5).isEqualTo(md5Hex(content + "&pkey=TESTKEY123", StandardCharsets.UTF_8))
                .isNotEqualTo(md5Hex(content + "&pkey=TESTKEY123", StandardCharsets.ISO_8859_1));

        fields.put("signType", "RSA");
        String rsaContent = content.replace("MD5", "RSA");
        byte[] rsa = Base64.getDecoder().decode(RSA.sign(fields));
        assertThat(rsaVerifies(rsaContent.getBytes(StandardCharsets.UTF_8), rsa)).isTrue();
        assertThat(rsaVerifies(rsaContent.getBytes(StandardCharsets.ISO_8859_1), rsa)).isFalse();
    }

    /** Text that Latin-1 can encode, with at least one character beyond ASCII so the encodings differ. */
    @Provide
    Arbitrary<String> latin1Subjects() {
        return Arbitraries.strings().withCharRange(' ', 'ÿ').ofMinLength(1).ofMaxLength(20)
                .filter(text -> text.chars().anyMatch(c -> c > 127));
    }

    private static String md5Hex(String text, java.nio.charset.Charset charset) throws GeneralSecurityException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(charset)));
    }

    private static boolean rsaVerifies(byte[] content, byte[] signature) throws GeneralSecurityException {
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(RSA_KEYS.getPublic());
        verifier.update(content);
        return verifier.verify(signature);
    }

    private static KeyPair rsaKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
