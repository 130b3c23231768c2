package com.merchantpay.notify.ingest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The notify URL and its durable write.
 *
 * @param maxBodyBytes    larger bodies are refused (413) before parsing; a real notification is < 2 KiB
 * @param ackTimeout      the longest a notification waits for Kafka before the answer is 503 (UseePay retries)
 * @param deliveryTimeout the producer's {@code delivery.timeout.ms}: a send fails, never hangs, after it
 * @param requestTimeout  the producer's {@code request.timeout.ms}
 * @param maxBlock        the producer's {@code max.block.ms}: how long {@code send} may wait for metadata or buffer
 * @param linger          the producer's {@code linger.ms}: batches concurrent notifications into one request
 */
@Validated
@ConfigurationProperties("notify.ingest")
public record IngestProperties(
        @Min(256) @Max(1_048_576) @DefaultValue("8192") int maxBodyBytes,
        @NotNull @DefaultValue("5s") Duration ackTimeout,
        @NotNull @DefaultValue("3s") Duration deliveryTimeout,
        @NotNull @DefaultValue("2s") Duration requestTimeout,
        @NotNull @DefaultValue("1s") Duration maxBlock,
        @NotNull @DefaultValue("5ms") Duration linger) {

    public IngestProperties {
        if (deliveryTimeout != null && requestTimeout != null && linger != null
                && deliveryTimeout.compareTo(requestTimeout.plus(linger)) < 0) {
            throw new IllegalArgumentException("notify.ingest.delivery-timeout must be at least request-timeout + linger");
        }
    }
}
