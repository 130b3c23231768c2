package com.merchantpay.order.checkout;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** @param url the schema registry's root URL, e.g. {@code http://127.0.0.1:8085} */
@Validated
@ConfigurationProperties("registry")
public record RegistryProperties(@NotBlank String url) {
}
