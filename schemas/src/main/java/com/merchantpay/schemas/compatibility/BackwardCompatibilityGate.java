package com.merchantpay.schemas.compatibility;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;

/**
 * BACKWARD_TRANSITIVE compatibility, as the registry defines it: a consumer that has the current
 * schema can read every record written with any released version. Also: a released record may not
 * disappear, because its records stay on the topics.
 */
public final class BackwardCompatibilityGate {

    private BackwardCompatibilityGate() {
    }

    /** One line per problem, across every release folder under {@code released}; empty when the current schemas may ship. */
    public static List<String> problemsAgainstEveryRelease(Path released, SchemaSet current) {
        List<String> problems = new ArrayList<>();
        for (Path release : releases(released)) {
            problems.addAll(problems(SchemaSet.read(release), current).stream()
                    .map(problem -> "release " + release.getFileName() + ": " + problem).toList());
        }
        return problems;
    }

    /** Against one release. */
    public static List<String> problems(SchemaSet released, SchemaSet current) {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Schema> entry : released.byFullName().entrySet()) {
            Schema now = current.byFullName().get(entry.getKey());
            if (now == null) {
                problems.add(entry.getKey() + ": released schema was removed");
                continue;
            }
            var result = SchemaCompatibility.checkReaderWriterCompatibility(now, entry.getValue());
            if (result.getType() != SchemaCompatibilityType.COMPATIBLE) {
                problems.add(entry.getKey() + ": not backward compatible: " + result.getResult().getIncompatibilities());
            }
        }
        return problems;
    }

    private static List<Path> releases(Path released) {
        try (Stream<Path> folders = Files.list(released)) {
            List<Path> releases = folders.filter(Files::isDirectory).sorted().toList();
            if (releases.isEmpty()) {
                throw new IllegalStateException("no release folder under " + released);
            }
            return releases;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
