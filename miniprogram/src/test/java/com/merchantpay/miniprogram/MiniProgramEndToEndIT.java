package com.merchantpay.miniprogram;

import static org.assertj.core.api.Assertions.assertThat;

import com.merchantpay.localstack.LocalStack;
import com.merchantpay.miniprogram.support.MiniProgramStack;
import com.merchantpay.miniprogram.support.NodeSuite;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The Mini Program's own code buying against the real workflow: this test starts the local stack
 * and runs the Node end-to-end suite (miniprogram/e2e, a wx shim over real HTTP) against it. The
 * suite's cases are listed in its output and in miniprogram/README.md.
 */
class MiniProgramEndToEndIT {

    private static final Duration SUITE_LIMIT = Duration.ofMinutes(15);

    @Test
    void theMiniProgramBuysThroughTheWholeStack() {
        Path repository = Path.of(required(LocalStack.REPOSITORY_PROPERTY));
        Path home = Path.of(required("miniprogram.stack.home"));
        NodeSuite suite = new NodeSuite(Path.of(required("miniprogram.dir")), required("miniprogram.npm"));

        try (MiniProgramStack stack = MiniProgramStack.start(repository, home)) {
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
            throw new IllegalStateException("Set -D" + property + " (the build does: the parent pom and miniprogram/pom.xml's failsafe configuration)");
        }
        return value;
    }
}
