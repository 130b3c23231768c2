package com.merchantpay.schemas.compatibility;

import java.nio.file.Path;
import java.util.List;

/**
 * The build step that stops an incompatible schema: {@code CompatibilityGate <released folder> <current folder>}
 * exits non-zero, listing every problem, when a current schema cannot read what some released
 * version wrote. Bound to the {@code schemas} module's {@code process-classes} phase, so skipping
 * tests does not skip it.
 */
public final class CompatibilityGate {

    private CompatibilityGate() {
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: CompatibilityGate <released folder> <current folder>");
        }
        List<String> problems = BackwardCompatibilityGate.problemsAgainstEveryRelease(Path.of(args[0]), SchemaSet.read(Path.of(args[1])));
        if (!problems.isEmpty()) {
            problems.forEach(problem -> System.err.println("[schema gate] " + problem));
            throw new IllegalStateException(problems.size() + " schema change(s) would break readers of records already on the topics");
        }
        System.out.println("[schema gate] every schema reads what every release wrote");
    }
}
