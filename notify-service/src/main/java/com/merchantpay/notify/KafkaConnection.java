package com.merchantpay.notify;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Where the broker and the schema registry are; both features of the service use them.
 * application.yml fills them from the team-wide {@code spring.kafka.bootstrap-servers} and {@code registry.url}.
 *
 * @param bootstrapServers the broker list, {@code host:port[,host:port]}
 * @param registryUrl      the registry's root URL, e.g. {@code http://127.0.0.1:8085}
 */
@Validated
@ConfigurationProperties("notify.kafka")
public record KafkaConnection(@NotBlank String bootstrapServers, @NotBlank String registryUrl) {
}
