package com.merchantpay.reconciliation.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.merchantpay.reconciliation.ReconciliationApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.core.NestedExceptionUtils;

/** A misconfigured reconciler refuses to start, and says why without printing any key. */
class StartupConfigurationTest {

    @Test
    void aMissingMerchantKeyStopsTheStartAndNamesTheVariable() {
        Throwable failure = start("--useepay.sign-type=MD5");

        assertThat(NestedExceptionUtils.getMostSpecificCause(failure)).hasMessage("environment variable USEEPAY_MD5_KEY is not set");
    }

    @Test
    void anImpossibleConcurrencyIsRefusedByValidation() {
        Throwable failure = start("--USEEPAY_MD5_KEY=secret-test-key-123", "--reconciliation.queries.concurrency=0");

        assertThat(failure).isNotNull();
        assertThat(NestedExceptionUtils.getMostSpecificCause(failure).getMessage())
                .contains("queries.concurrency").doesNotContain("secret-test-key-123");
    }

    private static Throwable start(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "--server.port=0";
        all[1] = "--management.server.port=0";
        all[2] = "--spring.kafka.bootstrap-servers=127.0.0.1:1";
        System.arraycopy(args, 0, all, 3, args.length);
        return catchThrowable(() -> new SpringApplicationBuilder(ReconciliationApplication.class).run(all).close());
    }
}
