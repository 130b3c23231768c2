package com.merchantpay.e2e.observability;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression reads: its selectors, whether written {@code name},
 * {@code name{...}} or {@code name[5m]}. Not a parser: it removes what cannot be a metric name
 * (strings, label matchers, range and subquery brackets, Grafana variables, grouping clauses with
 * their label lists), then keeps every identifier that is neither called like a function nor a
 * PromQL keyword. Good enough for the rules and panels we write, and it fails loudly (a name that
 * exists on no service) rather than quietly when it misreads one.
 */
final class PromQlMetricNames {

    private static final Pattern STRINGS = Pattern.compile("\"(?:\\\\.|[^\"\\\\])*\"|'(?:\\\\.|[^'\\\\])*'|`[^`]*`");
    private static final Pattern MATCHERS = Pattern.compile("\\{[^{}]*}");
    private static final Pattern RANGES = Pattern.compile("\\[[^\\[\\]]*]");
    private static final Pattern GRAFANA_VARIABLES = Pattern.compile("\\$\\{[^}]*}|\\$\\w+");
    /** {@code by (job, le)}, {@code on (instance)}, {@code group_left (kind)}: label names, not metrics. */
    private static final Pattern GROUPING = Pattern.compile(
            "\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^()]*\\)", Pattern.CASE_INSENSITIVE);
    /** A number (with its exponent or duration letters) is consumed whole so that {@code 5m} yields no {@code m}. */
    private static final Pattern TOKENS = Pattern.compile("(?<number>\\d[\\w.]*)|(?<name>[A-Za-z_:][\\w:]*)(?<call>\\s*\\()?");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without", "on",
            "ignoring", "group_left", "group_right", "inf", "nan", "atan2");

    private PromQlMetricNames() {
    }

    static Set<String> in(String expression) {
        String rest = STRINGS.matcher(expression).replaceAll(" ");
        rest = GRAFANA_VARIABLES.matcher(rest).replaceAll(" ");
        rest = MATCHERS.matcher(rest).replaceAll(" ");
        rest = RANGES.matcher(rest).replaceAll(" ");
        rest = GROUPING.matcher(rest).replaceAll(" ");
        Set<String> names = new LinkedHashSet<>();
        Matcher token = TOKENS.matcher(rest);
        while (token.find()) {
            String name = token.group("name");
            if (name != null && token.group("call") == null && !KEYWORDS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                names.add(name);
            }
        }
        return names;
    }
}
