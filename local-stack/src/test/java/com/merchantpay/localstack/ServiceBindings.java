package com.merchantpay.localstack;

import com.merchantpay.localstack.service.ServiceCatalogue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.yaml.snakeyaml.Yaml;

/**
 * The environment variables a service reads, worked out from its sources the way Spring Boot binds them:
 * a variable is read when it names a property of the service's application.yml or of a
 * {@code @ConfigurationProperties} record (in the service or a reactor module it depends on), when the
 * application.yml names it in a placeholder, or when a class that reads the {@code Environment} names it.
 * A variable none of these mention is ignored by the service: set in a deployment, it is a typo or a leftover.
 */
final class ServiceBindings {

    /**
     * Spring Boot's and the JVM's own settings, which no file of ours declares: the ports, where Kafka is,
     * the log pattern and levels, and the JVM's options.
     */
    private static final Set<String> PLATFORM_PROPERTIES = Set.of("server.port", "management.server.port",
            "spring.kafka.bootstrap-servers", "logging.pattern.level");
    private static final String LOG_LEVEL_PREFIX = ServiceCatalogue.environmentName("logging.level") + "_";
    private static final Set<String> JVM_VARIABLES = Set.of("JAVA_TOOL_OPTIONS");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");
    private static final Pattern PROPERTIES_PREFIX =
            Pattern.compile("@ConfigurationProperties\\(\\s*(?:(?:value|prefix)\\s*=\\s*)?\"([^\"]+)\"\\s*\\)");
    private static final Pattern RECORD = Pattern.compile("\\brecord\\s+(\\w+)\\s*\\(");
    private static final Pattern COMPONENT = Pattern.compile("(\\w+)\\s*(?:<[^>]*>)?(?:\\[])?\\s+(\\w+)\\s*$");
    private static final Pattern VARIABLE_LITERAL = Pattern.compile("\"([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)\"");

    private final Set<String> variables;

    private ServiceBindings(Set<String> variables) {
        this.variables = variables;
    }

    /** What the module in {@code repository/module} reads. */
    static ServiceBindings of(Path repository, String module) {
        Set<String> variables = new LinkedHashSet<>();
        PLATFORM_PROPERTIES.forEach(property -> variables.addAll(environmentNames(property)));
        variables.addAll(JVM_VARIABLES);
        Path configuration = repository.resolve(module).resolve("src/main/resources/application.yml");
        variables.addAll(applicationYml(configuration));
        for (Path sources : sourceRoots(repository, module)) {
            variables.addAll(fromSources(sources));
        }
        return new ServiceBindings(variables);
    }

    boolean binds(String variable) {
        return variables.contains(variable) || variable.startsWith(LOG_LEVEL_PREFIX);
    }

    /** Every key of application.yml as a variable, and the variables its placeholders name. */
    private static Set<String> applicationYml(Path file) {
        try {
            String text = Files.readString(file);
            Set<String> variables = new LinkedHashSet<>();
            PLACEHOLDER.matcher(text).results().forEach(match -> variables.add(match.group(1)));
            for (Object document : new Yaml().loadAll(text)) {
                flatten("", document, variables);
            }
            return variables;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    private static void flatten(String prefix, Object node, Set<String> variables) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> flatten(prefix.isEmpty() ? String.valueOf(key) : prefix + "." + key, value, variables));
        } else if (!prefix.isEmpty()) {
            variables.addAll(environmentNames(prefix));
        }
    }

    /**
     * The two names Spring Boot looks up for a property: dashes dropped ({@code USEEPAY_MERCHANTNO}, the
     * documented form) or turned into underscores ({@code USEEPAY_MERCHANT_NO}, the form this project uses).
     */
    private static List<String> environmentNames(String property) {
        return List.of(ServiceCatalogue.environmentName(property),
                property.replace('-', '_').replace('.', '_').toUpperCase(Locale.ROOT));
    }

    /** The module's own sources and those of the reactor modules it uses at run time (not test scope). */
    private static List<Path> sourceRoots(Path repository, String module) {
        List<Path> roots = new ArrayList<>(List.of(repository.resolve(module).resolve("src/main/java")));
        try {
            NodeList dependencies = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(repository.resolve(module).resolve("pom.xml").toFile()).getElementsByTagName("dependency");
            for (int index = 0; index < dependencies.getLength(); index++) {
                Element dependency = (Element) dependencies.item(index);
                String group = text(dependency, "groupId");
                String artifact = text(dependency, "artifactId");
                Path sources = repository.resolve(artifact).resolve("src/main/java");
                if ("com.merchantpay".equals(group) && !"test".equals(text(dependency, "scope")) && Files.isDirectory(sources)) {
                    roots.add(sources);
                }
            }
            return roots;
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read the pom of " + module, e);
        }
    }

    private static String text(Element parent, String tag) {
        NodeList nodes = parent.getElementsByTagName(tag);
        return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent().strip();
    }

    private static Set<String> fromSources(Path root) {
        Set<String> variables = new LinkedHashSet<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
                String source = withoutComments(Files.readString(file));
                Matcher prefix = PROPERTIES_PREFIX.matcher(source);
                if (prefix.find()) {
                    Map<String, List<String[]>> records = records(source);
                    Matcher firstRecord = RECORD.matcher(source);
                    if (firstRecord.find(prefix.end())) {
                        properties(prefix.group(1), firstRecord.group(1), records, variables);
                    }
                }
                if (source.contains("import org.springframework.core.env.Environment;")) {
                    VARIABLE_LITERAL.matcher(source).results().forEach(match -> variables.add(match.group(1)));
                }
            }
            return variables;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the sources under " + root, e);
        }
    }

    /** A record's components as properties under the prefix; a component whose type is a record of the same file nests. */
    private static void properties(String prefix, String record, Map<String, List<String[]>> records, Set<String> variables) {
        for (String[] component : records.get(record)) {
            String property = prefix + "." + component[1];
            if (records.containsKey(component[0])) {
                properties(property, component[0], records, variables);
            } else {
                variables.addAll(environmentNames(kebabCase(property)));
            }
        }
    }

    /** {@code merchantNo} → {@code merchant-no}, as Spring Boot names a record component's property. */
    private static String kebabCase(String property) {
        return property.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    /** Every record declared in the source: name to components, each as {type, name}. */
    private static Map<String, List<String[]>> records(String source) {
        Map<String, List<String[]>> records = new HashMap<>();
        Matcher record = RECORD.matcher(source);
        while (record.find()) {
            List<String[]> components = new ArrayList<>();
            for (String component : topLevelParts(source, record.end())) {
                Matcher typeAndName = COMPONENT.matcher(component.strip());
                if (typeAndName.find()) {
                    components.add(new String[] {typeAndName.group(1), typeAndName.group(2)});
                }
            }
            records.put(record.group(1), components);
        }
        return records;
    }

    /** The comma-separated parts between the parenthesis opened just before {@code start} and its match. */
    private static List<String> topLevelParts(String source, int start) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        StringBuilder part = new StringBuilder();
        for (int index = start; index < source.length(); index++) {
            char c = source.charAt(index);
            if (c == '"' && source.charAt(index - 1) != '\\') {
                quoted = !quoted;
            } else if (!quoted && (c == '(' || c == '<' || c == '{')) {
                depth++;
            } else if (!quoted && (c == '>' || c == '}')) {
                depth--;
            } else if (!quoted && c == ')') {
                if (depth == 0) {
                    parts.add(part.toString());
                    return parts;
                }
                depth--;
            } else if (!quoted && c == ',' && depth == 0) {
                parts.add(part.toString());
                part.setLength(0);
                continue;
            }
            part.append(c);
        }
        throw new IllegalArgumentException("Unbalanced record header at " + start);
    }

    private static String withoutComments(String source) {
        return source.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("(?m)(^|\\s)//.*$", "");
    }
}
