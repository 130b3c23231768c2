package com.merchantpay.useepay;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/** Reading the few reply values whose shape matters: amounts, and text safe to quote in a cause. */
final class WireValues {

    private static final Pattern AMOUNT = Pattern.compile("[0-9]{1,12}");

    private WireValues() {
    }

    /** A minor-unit amount: up to 12 digits, nothing else. */
    static OptionalLong amount(String text) {
        return text != null && AMOUNT.matcher(text).matches()
                ? OptionalLong.of(Long.parseLong(text))
                : OptionalLong.empty();
    }

    /** Outside text put into a result's cause: short, no control characters, never a secret. */
    static String quoted(String text) {
        String shown = Optional.ofNullable(text).orElse("(none)");
        shown = shown.length() > 32 ? shown.substring(0, 32) + "..." : shown;
        return "'" + shown.replaceAll("\\p{Cntrl}", "?") + "'";
    }
}
