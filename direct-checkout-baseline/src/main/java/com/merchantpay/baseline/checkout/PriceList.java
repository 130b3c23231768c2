package com.merchantpay.baseline.checkout;

import java.util.List;
import java.util.Optional;

/** Prices a basket from {@link CheckoutProperties}: one currency per basket, every product known. */
final class PriceList {

    /** A priced basket: what UseePay is asked to collect, and the bill's title. */
    record Total(long amountMinor, String currency, String subject) {
    }

    private final CheckoutProperties properties;

    PriceList(CheckoutProperties properties) {
        this.properties = properties;
    }

    /** The total, or the refusal that names why the basket cannot be sold. */
    Result price(List<CheckoutRequest.Line> lines) {
        long amount = 0;
        String currency = null;
        for (CheckoutRequest.Line line : lines) {
            CheckoutProperties.Product product = properties.products().get(line.productId());
            if (product == null) {
                return new Result(Optional.empty(), "UNKNOWN_PRODUCT");
            }
            if (currency != null && !currency.equals(product.currency())) {
                return new Result(Optional.empty(), "MIXED_CURRENCY");
            }
            currency = product.currency();
            amount = Math.addExact(amount, Math.multiplyExact(product.unitPriceMinor(), line.quantity()));
        }
        String first = properties.products().get(lines.getFirst().productId()).title();
        String subject = lines.size() == 1 ? first : first + " and " + (lines.size() - 1) + " more";
        return new Result(Optional.of(new Total(amount, currency, subject)), null);
    }

    /** Either a total or a refusal code. */
    record Result(Optional<Total> total, String refusal) {
    }
}
