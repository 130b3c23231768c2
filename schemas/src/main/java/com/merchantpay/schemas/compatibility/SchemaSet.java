package com.merchantpay.schemas.compatibility;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.Schema;

/** Every record schema under a folder, by full name. Shared records (folder {@code common}) parse first. */
public record SchemaSet(Map<String, Schema> byFullName) {

    public static SchemaSet read(Path folder) {
        Schema.Parser parser = new Schema.Parser();
        Map<String, Schema> schemas = new LinkedHashMap<>();
        for (Path file : avscFiles(folder)) {
            Schema schema = parse(parser, file);
            schemas.put(schema.getFullName(), schema);
        }
        return new SchemaSet(Map.copyOf(schemas));
    }

    private static List<Path> avscFiles(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(file -> file.toString().endsWith(".avsc"))
                    .sorted(Comparator.comparing((Path file) -> !file.getParent().getFileName().toString().equals("common"))
                            .thenComparing(Path::toString))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Schema parse(Schema.Parser parser, Path file) {
        try {
            return parser.parse(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
