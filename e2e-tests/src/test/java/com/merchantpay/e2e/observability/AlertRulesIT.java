package com.merchantpay.e2e.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.merchantpay.e2e.observability.ObservabilityFiles.Rule;
import com.merchantpay.e2e.support.RunningStack;
import com.merchantpay.e2e.support.WorkflowStack;
import com.merchantpay.localstack.service.ServiceCatalogue;
import com.merchantpay.localstack.service.ServiceDefinition;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every metric the alert rules and the dashboard read is served by at least one running service, as
 * Prometheus would scrape it, on a stack that has done nothing yet: a renamed or lazily registered
 * metric would leave a rule that never fires and a panel that stays empty, and fails here instead.
 */
@ExtendWith(WorkflowStack.class)
class AlertRulesIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final RunningStack stack;

    AlertRulesIT(RunningStack stack) {
        this.stack = stack;
    }

    @Test
    void everyMetricTheAlertsAndTheDashboardReadIsServedBySomeService() {
        Map<String, Set<String>> readBy = new TreeMap<>();
        for (Rule rule : ObservabilityFiles.rules()) {
            PromQlMetricNames.in(rule.expr()).forEach(name -> readBy.computeIfAbsent(name, key -> new TreeSet<>())
                    .add("alert " + rule.alert()));
        }
        for (String expr : ObservabilityFiles.dashboardExpressions()) {
            PromQlMetricNames.in(expr).forEach(name -> readBy.computeIfAbsent(name, key -> new TreeSet<>()).add("dashboard"));
        }
        assertThat(readBy).as("metrics found in the rules and the dashboard").hasSizeGreaterThan(10);

        // Each service registers some series once its consumers or stream threads start: wait for them, not a fixed time.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            Set<String> served = served();
            Map<String, Set<String>> missing = new TreeMap<>(readBy);
            missing.keySet().removeAll(served);
            assertThat(missing).as("metrics read by alerts.yml or payments-dashboard.json that no service serves").isEmpty();
        });
    }

    /** Every sample name any service exposes now ({@code name_bucket}, {@code name_total}, … as written). */
    private Set<String> served() {
        Set<String> names = new HashSet<>();
        for (String service : services()) {
            for (String line : scrape(stack.metricsUri(service)).lines().toList()) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    int end = line.indexOf('{') >= 0 ? line.indexOf('{') : line.indexOf(' ');
                    names.add(line.substring(0, end));
                }
            }
        }
        return names;
    }

    /** The services operators scrape: everything of the catalogue but the sandbox, which stands in for UseePay and WeChat. */
    private static List<String> services() {
        return ServiceCatalogue.all().stream().map(ServiceDefinition::name)
                .filter(name -> !name.equals(ServiceCatalogue.SANDBOX)).toList();
    }

    private static String scrape(URI metrics) {
        try {
            HttpResponse<String> reply = HTTP.send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(reply.statusCode()).as("scrape of %s", metrics).isEqualTo(200);
            return reply.body();
        } catch (IOException e) {
            throw new AssertionError("scrape of " + metrics + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
