package com.merchantpay.e2e.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.merchantpay.e2e.observability.ObservabilityFiles.Rule;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/** The rules and the dashboard as files: what an operator needs from each rule, and a panel for what it watches. */
class AlertRulesTest {

    private static final Pattern RUNBOOK = Pattern.compile("README\\.md#recovering-operators, step (\\d+) \\(.+\\)");

    @Test
    void everyRuleHasASeveritySummaryAndARunbookStepTheReadmeHas() {
        String readme = ObservabilityFiles.read(ObservabilityFiles.README);
        String recovering = readme.substring(readme.indexOf("## Recovering (operators)"), readme.indexOf("## Topics"));
        SoftAssertions softly = new SoftAssertions();
        for (Rule rule : ObservabilityFiles.rules()) {
            softly.assertThat(rule.labels().get("severity")).as("severity of %s", rule.alert()).isIn("page", "ticket");
            softly.assertThat(rule.annotations().get("summary")).as("summary of %s", rule.alert()).isNotBlank();
            String runbook = rule.annotations().getOrDefault("runbook", "");
            Matcher step = RUNBOOK.matcher(runbook);
            softly.assertThat(step.matches()).as("runbook of %s: %s", rule.alert(), runbook).isTrue();
            if (step.matches()) {
                softly.assertThat(recovering).as("step %s of Recovering, runbook of %s", step.group(1), rule.alert())
                        .containsPattern("(?m)^" + step.group(1) + "\\. \\*\\*");
            }
        }
        softly.assertAll();
    }

    @Test
    void theIncidentsOperatorsAskedForEachHaveARule() {
        Set<String> watched = ObservabilityFiles.rules().stream().map(Rule::expr).map(PromQlMetricNames::in)
                .flatMap(Set::stream).collect(Collectors.toCollection(TreeSet::new));
        assertThat(watched).contains("kafka_dead_letters_total", "kafka_consumer_record_age_seconds_max",
                "notify_notifications_total", "notify_alerts_total", "reconciliation_gave_up_total",
                "notify_refunds_required_oldest_age_seconds", "gateway_checkout_wait_seconds_bucket",
                "notify_outcome_finding_age_seconds_bucket", "streams_state", "streams_thread_replacements_total",
                "kafka_consumer_poll_stalled");
    }

    @Test
    void theDashboardShowsEveryMetricAnAlertWatches() {
        Set<String> shown = ObservabilityFiles.dashboardExpressions().stream().map(PromQlMetricNames::in)
                .flatMap(Set::stream).collect(Collectors.toSet());
        List<String> unshown = ObservabilityFiles.rules().stream().map(Rule::expr).map(PromQlMetricNames::in)
                .flatMap(Set::stream).distinct().filter(name -> !shown.contains(name)).toList();
        assertThat(unshown).as("metrics alerted on with no dashboard panel").isEmpty();
    }
}
