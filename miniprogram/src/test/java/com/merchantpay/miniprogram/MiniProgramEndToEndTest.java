package com.merchantpay.miniprogram;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The Mini Program's own code buying against the real workflow: this test starts the local stack
 * and runs the Node end-to-end suite (miniprogram/e2e, a wx shim over real HTTP) against it. The
 * suite's cases are listed in its output and in miniprogram/README.md.
 */
class MiniProgramEndToEndTest {

    private static final Duration SUITE_LIMIT = Duration.ofMinutes(15);

    @Test
    void theMiniProgramBuysThroughTheWholeStack() {
        Path jars = Path.of(required("miniprogram.stack.jars"));
        Path home = Path.of(required("miniprogram.stack.home"));
        NodeSuite suite = new NodeSuite(Path.of(required("miniprogram.dir")), required("miniprogram.npm"));

        try (MiniProgramStack stack = MiniProgramStack.start(jars, home)) {
            NodeSuite.Result result = suite.run("e2e", stack.environmentForTheSuite(), SUITE_LIMIT);

            assertThat(result.exitCode())
                    .as("npm run e2e exit code (its output is above; service logs in %s)", stack.logDirectory())
                    .isZero();
            assertThat(result.output()).as("jest's summary").anyMatch(line -> line.matches("Tests:\\s+\\d+ passed, \\d+ total"));
        }
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("Set -D" + property + " (miniprogram/pom.xml's surefire configuration does)");
        }
        return value;
    }
}
