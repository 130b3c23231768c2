package com.merchantpay.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class EventSchemasTest {

    @Test
    void findsEveryEventButNotTheRecordsEventsEmbed() {
        assertThat(EventSchemas.fromClasspath())
                .extracting(Schema::getFullName)
                .contains("com.merchantpay.events.identity.UserLoggedIn")
                .doesNotContain("com.merchantpay.events.checkout.CheckoutItem")
                .doesNotHaveDuplicates();
    }
}
