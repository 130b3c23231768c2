package com.merchantpay.sandbox;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * UseePay and WeChat stand-ins for the local stack and the tests. It plays UseePay: it signs with the
 * library's schemes itself and needs no client of UseePay (the auto-configuration is excluded by
 * name, so the sandbox borrows no type of the merchant's side).
 */
@SpringBootApplication(excludeName = "com.merchantpay.useepay.autoconfigure.UseePayAutoConfiguration")
@ConfigurationPropertiesScan
public class SandboxApplication {

    public static void main(String[] args) {
        SpringApplication.run(SandboxApplication.class, args);
    }
}
