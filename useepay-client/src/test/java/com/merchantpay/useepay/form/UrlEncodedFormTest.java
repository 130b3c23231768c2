package com.merchantpay.useepay.form;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.NotEmpty;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class UrlEncodedFormTest {

    private static Map<String, String> parse(String body) {
        return UrlEncodedForm.parse(body.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Property
    void whatIsEncodedParsesBackExactlyInOrder(@ForAll @Size(max = 8) Map<@NotEmpty String, String> fields) {
        Map<String, String> ordered = new LinkedHashMap<>(fields);
        Map<String, String> parsed = UrlEncodedForm.parse(UrlEncodedForm.encode(ordered).getBytes(StandardCharsets.US_ASCII));
        assertThat(parsed).containsExactlyEntriesOf(ordered);
    }

    @Test
    void decodesPlusPercentAndUtf8() {
        assertThat(parse("subject=%E6%B8%AC%E8%A9%A6+goods&sign=ab%2Bcd%2F%3D&empty=&bare"))
                .containsExactly(Map.entry("subject", "測試 goods"), Map.entry("sign", "ab+cd/="),
                        Map.entry("empty", ""), Map.entry("bare", ""));
    }

    @Test
    void emptyBodyAndStraySeparatorsGiveNoFields() {
        assertThat(parse("")).isEmpty();
        assertThat(parse("&a=1&&")).containsExactly(Map.entry("a", "1"));
    }

    @Test
    void aRepeatedKeyIsRefusedNamingTheFieldButNotTheValue() {
        assertThatThrownBy(() -> parse("amount=1000&amount=1"))
                .isInstanceOf(MalformedFormException.class)
                .hasMessageContaining("'amount'").hasMessageNotContaining("1000");
    }

    @Test
    void brokenPercentEncodingIsRefused() {
        assertThatThrownBy(() -> parse("a=%4")).isInstanceOf(MalformedFormException.class).hasMessageContaining("percent");
        assertThatThrownBy(() -> parse("a=%zz")).isInstanceOf(MalformedFormException.class);
        assertThatThrownBy(() -> parse("a%=1")).isInstanceOf(MalformedFormException.class);
    }

    @Test
    void bytesThatAreNotUtf8AreRefused() {
        assertThatThrownBy(() -> parse("subject=%E6%B8")).isInstanceOf(MalformedFormException.class).hasMessageContaining("UTF-8");
        assertThatThrownBy(() -> parse("subject=caf%E9")).isInstanceOf(MalformedFormException.class);
    }

    @Test
    void anEmptyFieldNameIsRefused() {
        assertThatThrownBy(() -> parse("=value")).isInstanceOf(MalformedFormException.class);
    }
}
