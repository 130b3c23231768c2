package com.merchantpay.order.catalog;

import com.merchantpay.events.checkout.CheckoutItem;
import com.merchantpay.order.catalog.CatalogProperties.Product;
import com.merchantpay.order.catalog.Pricing.Priced;
import com.merchantpay.order.catalog.Pricing.Refused;
import com.merchantpay.order.decision.RejectionReason;
import java.util.List;
import org.springframework.stereotype.Component;

/** Prices a basket from the configured catalog, refusing anything a real shopper would not send. */
@Component
public class Catalog {

    /** UseePay's {@code amount} has at most 12 digits, whatever the configured limit says. */
    private static final long PSP_MAX_AMOUNT_MINOR = 999_999_999_999L;
    /** Long enough to recognise the order on the WeChat bill; UseePay publishes no limit. */
    private static final int SUBJECT_MAX_LENGTH = 64;

    private final CatalogProperties properties;

    public Catalog(CatalogProperties properties) {
        this.properties = properties;
    }

    public Pricing price(List<CheckoutItem> items) {
        if (items.isEmpty()) {
            return new Refused(RejectionReason.EMPTY_CART, "the checkout has no items");
        }
        if (items.size() > properties.maxItems()) {
            return new Refused(RejectionReason.TOO_MANY_ITEMS,
                    items.size() + " item lines, at most " + properties.maxItems() + " allowed");
        }
        long total = 0;
        String currency = null;
        for (CheckoutItem item : items) {
            Product product = properties.products().get(item.getProductId());
            Refused refusal = check(item, product, currency);
            if (refusal != null) {
                return refusal;
            }
            currency = product.currency();
            total += product.unitPriceMinor() * item.getQuantity(); // bounded: see check()
            if (total > limit()) {
                return new Refused(RejectionReason.TOTAL_OVER_LIMIT, "the total exceeds " + limit() + " " + currency);
            }
        }
        return new Priced(total, currency, subject(items));
    }

    private Refused check(CheckoutItem item, Product product, String currencySoFar) {
        if (product == null) {
            return new Refused(RejectionReason.UNKNOWN_PRODUCT, "no product '" + item.getProductId() + "' in the catalog");
        }
        if (item.getQuantity() <= 0) {
            return new Refused(RejectionReason.INVALID_QUANTITY,
                    "quantity " + item.getQuantity() + " of '" + item.getProductId() + "'");
        }
        if (item.getQuantity() > properties.maxQuantityPerItem()) {
            return new Refused(RejectionReason.QUANTITY_OVER_LIMIT, "quantity " + item.getQuantity() + " of '"
                    + item.getProductId() + "', at most " + properties.maxQuantityPerItem() + " allowed");
        }
        if (product.unitPriceMinor() > limit() / item.getQuantity()) {
            // Checked by division so that the multiplication below can never overflow.
            return new Refused(RejectionReason.TOTAL_OVER_LIMIT, "the total exceeds " + limit() + " " + product.currency());
        }
        if (currencySoFar != null && !currencySoFar.equals(product.currency())) {
            return new Refused(RejectionReason.MIXED_CURRENCY,
                    "'" + item.getProductId() + "' is priced in " + product.currency() + ", the basket in " + currencySoFar);
        }
        return null;
    }

    private long limit() {
        return Math.min(properties.maxTotalMinor(), PSP_MAX_AMOUNT_MINOR);
    }

    /** "Green tea", "Green tea ×3", or "Green tea and 2 more items". */
    private String subject(List<CheckoutItem> items) {
        CheckoutItem first = items.getFirst();
        String title = properties.products().get(first.getProductId()).title();
        String subject = items.size() > 1 ? title + " and " + (items.size() - 1) + " more items"
                : first.getQuantity() > 1 ? title + " ×" + first.getQuantity() : title;
        return subject.length() <= SUBJECT_MAX_LENGTH ? subject : subject.substring(0, SUBJECT_MAX_LENGTH);
    }
}
