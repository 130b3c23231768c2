package com.merchantpay.e2e.observability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What operators deploy from {@code deploy/observability}: the alert rules and the dashboard, as read from the repository. */
final class ObservabilityFiles {

    static final Path FOLDER = Path.of("..", "deploy", "observability");
    static final Path ALERTS = FOLDER.resolve("alerts.yml");
    static final Path DASHBOARD = FOLDER.resolve("grafana").resolve("payments-dashboard.json");
    static final Path README = Path.of("..", "README.md");

    /** One alerting rule as Prometheus reads it. */
    record Rule(String alert, String expr, Map<String, String> labels, Map<String, String> annotations) {
    }

    private ObservabilityFiles() {
    }

    @SuppressWarnings("unchecked")
    static List<Rule> rules() {
        Map<String, Object> root = new Yaml().load(read(ALERTS));
        List<Map<String, Object>> groups = (List<Map<String, Object>>) root.get("groups");
        return groups.stream()
                .flatMap(group -> ((List<Map<String, Object>>) group.get("rules")).stream())
                .map(rule -> new Rule((String) rule.get("alert"), String.valueOf(rule.get("expr")),
                        (Map<String, String>) rule.getOrDefault("labels", Map.of()),
                        (Map<String, String>) rule.getOrDefault("annotations", Map.of())))
                .toList();
    }

    /** Every query of every panel (rows included), wherever Grafana nests it. */
    static List<String> dashboardExpressions() {
        JsonNode dashboard = JsonMapper.builder().build().readTree(read(DASHBOARD));
        return dashboard.findValues("expr").stream().map(JsonNode::asString).toList();
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
