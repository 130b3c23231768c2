package com.merchantpay.order.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.merchantpay.events.checkout.CheckoutItem;
import com.merchantpay.order.catalog.CatalogProperties.Product;
import com.merchantpay.order.decision.RejectionReason;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Pricing rules on their own; the end-to-end tests show the same reasons on the topic. */
class CatalogTest {

    private final Catalog catalog = new Catalog(new CatalogProperties(Map.of(
            "tea", new Product("Green tea", 2800, "HKD"),
            "tart", new Product("Egg tart", 1200, "HKD"),
            "card", new Product("Gift card", 400_000_000_000L, "HKD"),
            "cny", new Product("Mooncake box", 29800, "CNY"),
            "long", new Product("A".repeat(100), 100, "HKD")), 3, 99, 500_000));

    @Test
    void pricesFromTheCatalogNeverFromTheEvent() {
        assertThat(catalog.price(List.of(item("tea", 2), item("tart", 3))))
                .isEqualTo(new Pricing.Priced(2 * 2800 + 3 * 1200, "HKD", "Green tea and 1 more items"));
        assertThat(catalog.price(List.of(item("tea", 3)))).isEqualTo(new Pricing.Priced(8400, "HKD", "Green tea ×3"));
        assertThat(catalog.price(List.of(item("tea", 1)))).isEqualTo(new Pricing.Priced(2800, "HKD", "Green tea"));
    }

    @Test
    void theSubjectIsCutToSixtyFourCharacters() {
        assertThat(((Pricing.Priced) catalog.price(List.of(item("long", 1)))).subject()).hasSize(64);
    }

    @Test
    void refusesWithAStableReason() {
        assertThat(reason(List.of())).isEqualTo(RejectionReason.EMPTY_CART);
        assertThat(reason(Collections.nCopies(4, item("tea", 1)))).isEqualTo(RejectionReason.TOO_MANY_ITEMS);
        assertThat(reason(List.of(item("nope", 1)))).isEqualTo(RejectionReason.UNKNOWN_PRODUCT);
        assertThat(reason(List.of(item("tea", 0)))).isEqualTo(RejectionReason.INVALID_QUANTITY);
        assertThat(reason(List.of(item("tea", Integer.MIN_VALUE)))).isEqualTo(RejectionReason.INVALID_QUANTITY);
        assertThat(reason(List.of(item("tea", 100)))).isEqualTo(RejectionReason.QUANTITY_OVER_LIMIT);
        assertThat(reason(List.of(item("tea", 1), item("cny", 1)))).isEqualTo(RejectionReason.MIXED_CURRENCY);
        assertThat(reason(List.of(item("tea", 99), item("tea", 99), item("tea", 99)))).isEqualTo(RejectionReason.TOTAL_OVER_LIMIT);
    }

    @Test
    void aTotalThatWouldOverflowIsOverTheLimitNotNegative() {
        Catalog generous = new Catalog(new CatalogProperties(Map.of("card", new Product("Gift card", 400_000_000_000L, "HKD")),
                50, 99, Long.MAX_VALUE));
        assertThat(((Pricing.Refused) generous.price(List.of(item("card", 99)))).reason()).isEqualTo(RejectionReason.TOTAL_OVER_LIMIT);
        assertThat(((Pricing.Refused) generous.price(List.of(item("card", 2), item("card", 2), item("card", 2))))
                .reason()).isEqualTo(RejectionReason.TOTAL_OVER_LIMIT);
    }

    private RejectionReason reason(List<CheckoutItem> items) {
        return ((Pricing.Refused) catalog.price(items)).reason();
    }

    private static CheckoutItem item(String productId, int quantity) {
        return CheckoutItem.newBuilder().setProductId(productId).setQuantity(quantity).build();
    }
}
