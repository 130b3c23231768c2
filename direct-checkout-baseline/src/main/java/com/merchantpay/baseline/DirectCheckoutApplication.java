package com.merchantpay.baseline;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The load test's baseline: the synchronous checkout a merchant writes without Kafka. One request
 * prices the basket, calls UseePay {@code pay} and answers with the Mini Program's pay values, all
 * while the caller waits. Nothing is recorded: no ledger, no events, no recovery after a crash.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class DirectCheckoutApplication {

    public static void main(String[] args) {
        SpringApplication.run(DirectCheckoutApplication.class, args);
    }
}
