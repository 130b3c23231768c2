package com.merchantpay.schemas.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

/** The policy every Streams application of ours runs with, whatever its own settings. */
class StreamsRunnerConfigTest {

    private final Properties config = StreamsRunner.config(new StreamsSettings("an-application", "127.0.0.1:9092",
            Duration.ofMillis(20), StreamsSettings.InputFetch.PROMPT, 3, 1, 0, null));

    @Test
    void exactlyOnceWithTheApplicationsCommitInterval() {
        assertThat(config).containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2)
                .containsEntry(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 20L)
                .containsEntry(StreamsConfig.POLL_MS_CONFIG, 20L);
    }

    @Test
    void aWriteRefusedWhileTheLastCommitsMarkersAreWrittenIsResentWithinMillisecondsNotATenthOfASecond() {
        assertThat(config).containsEntry(StreamsConfig.producerPrefix(ProducerConfig.RETRY_BACKOFF_MS_CONFIG), 10)
                .containsEntry(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 0)
                .containsEntry(StreamsConfig.producerPrefix(ProducerConfig.ACKS_CONFIG), "all");
    }
}
