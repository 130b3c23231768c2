package com.merchantpay.reconciliation;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Settles orders that never got an outcome by asking UseePay, on a schedule tied to UseePay's own. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ReconciliationApplication {

    public static void main(String[] args) {
        SpringApplication.run(ReconciliationApplication.class, args);
    }
}
