package com.merchantpay.schemas.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.AvroRuntimeException;

/**
 * The event schemas that the {@code schemas} module ships as {@code avro/**.avsc} resources: the
 * exact schemas the registration step registers and the serializer names on the wire. Shared
 * records (an order line, the payment parameters) live in files of their own and are referenced by
 * name, so files are parsed in dependency order and only the top-level records, the ones no other
 * schema embeds, count as events. Each event is registered whole (shared records inlined, no
 * schema references), so a Confluent client needs nothing but the schema behind the id.
 */
public final class EventSchemas {

    private static final String RESOURCE_ROOT = "avro";

    private EventSchemas() {
    }

    public static List<Schema> fromClasspath() {
        return Published.ALL;
    }

    /**
     * The published form of an event, by full name. The generated class's own schema describes the
     * same binary layout but carries Java-only properties ({@code avro.java.string}); registering
     * that would put a second copy of every schema in the registry.
     */
    public static Optional<Schema> published(String fullName) {
        return Optional.ofNullable(Published.BY_NAME.get(fullName));
    }

    /** Parsed once per JVM, on first use. */
    private static final class Published {
        static final List<Schema> ALL = topLevel(parseInDependencyOrder(readSchemaTexts()));
        static final Map<String, Schema> BY_NAME = ALL.stream()
                .collect(java.util.stream.Collectors.toUnmodifiableMap(Schema::getFullName, schema -> schema));
    }

    static List<Schema> topLevel(List<Schema> schemas) {
        Set<String> embedded = new HashSet<>();
        schemas.forEach(schema -> collectEmbedded(schema, embedded, true));
        return schemas.stream().filter(schema -> !embedded.contains(schema.getFullName())).toList();
    }

    private static void collectEmbedded(Schema schema, Set<String> embedded, boolean root) {
        switch (schema.getType()) {
            case RECORD -> {
                if (!root && !embedded.add(schema.getFullName())) {
                    return;
                }
                schema.getFields().forEach(field -> collectEmbedded(field.schema(), embedded, false));
            }
            case ARRAY -> collectEmbedded(schema.getElementType(), embedded, false);
            case MAP -> collectEmbedded(schema.getValueType(), embedded, false);
            case UNION -> schema.getTypes().forEach(branch -> collectEmbedded(branch, embedded, false));
            case ENUM, FIXED -> embedded.add(schema.getFullName());
            default -> {
            }
        }
    }

    /** Parses each text once every name it refers to is known; fails if some reference never resolves. */
    static List<Schema> parseInDependencyOrder(Map<String, String> textsBySource) {
        Map<String, String> pending = new LinkedHashMap<>(textsBySource);
        List<String> resolvedOrder = new ArrayList<>();
        while (!pending.isEmpty()) {
            List<String> parsedThisRound = pending.entrySet().stream()
                    .filter(entry -> parses(resolvedOrder, entry.getValue()))
                    .map(Map.Entry::getKey)
                    .toList();
            if (parsedThisRound.isEmpty()) {
                throw new IllegalStateException("Unresolvable Avro schemas: " + pending.keySet());
            }
            parsedThisRound.forEach(source -> resolvedOrder.add(pending.remove(source)));
        }
        Schema.Parser parser = new Schema.Parser();
        return resolvedOrder.stream().map(parser::parse).toList();
    }

    private static boolean parses(List<String> known, String candidate) {
        Schema.Parser parser = new Schema.Parser();
        try {
            known.forEach(parser::parse);
            parser.parse(candidate);
            return true;
        } catch (AvroRuntimeException e) { // an undefined name: try again once more files are known
            return false;
        }
    }

    private static Map<String, String> readSchemaTexts() {
        Map<String, String> texts = new LinkedHashMap<>();
        try {
            for (URL root : Collections.list(EventSchemas.class.getClassLoader().getResources(RESOURCE_ROOT))) {
                texts.putAll(readTree(root.toURI()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        if (texts.isEmpty()) {
            throw new IllegalStateException("No avro/*.avsc on the classpath; is the schemas module missing?");
        }
        return texts;
    }

    private static Map<String, String> readTree(URI root) throws IOException {
        if ("jar".equals(root.getScheme())) {
            try (FileSystem jar = FileSystems.newFileSystem(root, Map.of())) {
                return readAvsc(jar.getPath(RESOURCE_ROOT));
            }
        }
        return readAvsc(Path.of(root));
    }

    private static Map<String, String> readAvsc(Path folder) throws IOException {
        Map<String, String> texts = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".avsc")).sorted().toList()) {
                texts.put(file.toUri().toString(), Files.readString(file));
            }
        }
        return texts;
    }
}
