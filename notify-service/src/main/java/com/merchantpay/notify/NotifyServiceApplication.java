package com.merchantpay.notify;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** UseePay's notify URL (ingest) and the outcome processor, in one deployable. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class NotifyServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(NotifyServiceApplication.class, args);
    }
}
