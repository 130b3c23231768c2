package com.merchantpay.useepay;

/** Which order a query asks about: by our {@code transactionId} or by UseePay's {@code reference}. */
record OrderLookup(String field, String value) {

    static OrderLookup byTransactionId(String transactionId) {
        return new OrderLookup("transactionId", requireText(transactionId, "transactionId"));
    }

    static OrderLookup byReference(String reference) {
        return new OrderLookup("reference", requireText(reference, "reference"));
    }

    private static String requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("a query needs a " + name);
        }
        return value;
    }
}
