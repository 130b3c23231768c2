package com.merchantpay.gateway.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import com.merchantpay.gateway.session.GatewayKeys;
import com.merchantpay.gateway.session.TokenProperties;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OrderNumbersTest {

    private static OrderNumbers withKey(String key) {
        return new OrderNumbers(new GatewayKeys(new TokenProperties(key, Duration.ofHours(1), "test")));
    }

    private final OrderNumbers numbers = withKey("k".repeat(32));

    @Test
    void theSameUserAndKeyAlwaysGiveTheSameNumberOnAnyInstance() {
        assertThat(numbers.derive("alice", "key-0001")).isEqualTo(withKey("k".repeat(32)).derive("alice", "key-0001"));
    }

    @Test
    void numbersAreSafeForUseepayTransactionIds() {
        assertThat(numbers.derive("alice", "key-0001")).matches("MP[A-Z2-7]{30}").hasSizeLessThanOrEqualTo(64);
    }

    @Test
    void anotherUserKeyOrSecretGivesAnotherNumber() {
        Set<String> all = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            all.add(numbers.derive("user" + (i % 100), "key-" + (i / 100)));
        }
        assertThat(all).hasSize(10_000);
        assertThat(withKey("z".repeat(32)).derive("alice", "key-0001")).isNotEqualTo(numbers.derive("alice", "key-0001"));
        // The separator keeps ("a:b", "c") and ("a", "b:c") apart only if keys cannot hold ':' - they cannot (KEY_SHAPE).
        assertThat(numbers.derive("alice", "key-0001")).isNotEqualTo(numbers.derive("alice", "key-0002"));
    }
}
