package com.merchantpay.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.merchantpay.events.identity.UserLoggedIn;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The shared topic tap against the real broker: where it starts, what it decodes, and "read to the end". */
class TopicTapIT {

    @Test
    void fromTheBeginningSeesEarlierRecordsAndFromNowOnlyLaterOnes() throws Exception {
        String topic = SharedInfrastructure.createUniqueTopic("tap", 3);
        try (KafkaProducer<String, Object> producer = new KafkaProducer<>(SharedInfrastructure.eventProducerConfig())) {
            producer.send(new ProducerRecord<>(topic, "early", login("early"))).get();
            try (TopicTap fromNow = TopicTap.fromNow(topic); TopicTap fromBeginning = TopicTap.fromBeginning(topic)) {
                producer.send(new ProducerRecord<>(topic, "late", login("late"))).get();

                fromNow.readToEnd();
                fromBeginning.readToEnd();

                assertThat(fromNow.records(topic)).extracting(record -> record.key()).containsExactly("late");
                assertThat(fromBeginning.records(topic)).extracting(record -> record.key()).containsExactlyInAnyOrder("early", "late");
                assertThat(fromBeginning.events(topic, "late", UserLoggedIn.class)).singleElement()
                        .satisfies(event -> assertThat(event.getOpenId()).isEqualTo("late"));
                assertThat(fromBeginning.eventTypes(topic, "early")).containsExactly("UserLoggedIn");
                assertThat(fromBeginning.count(topic)).isEqualTo(2);
                assertThat(fromBeginning.endOffsetSum(topic)).isEqualTo(2);
            }
        }
    }

    @Test
    void readToEndMeansEveryCommittedRecordIsThereAndAbortedOnesNeverAre() throws Exception {
        String topic = SharedInfrastructure.createUniqueTopic("tap-tx", 3);
        Map<String, Object> config = SharedInfrastructure.eventProducerConfig();
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "tap-it-" + UUID.randomUUID());
        try (TopicTap tap = TopicTap.fromBeginning(topic);
             KafkaProducer<String, Object> producer = new KafkaProducer<>(config)) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "aborted", login("aborted")));
            producer.abortTransaction();
            producer.beginTransaction();
            for (int i = 0; i < 50; i++) {
                producer.send(new ProducerRecord<>(topic, "committed-" + i, login("committed-" + i)));
            }
            producer.commitTransaction();

            tap.readToEnd();

            assertThat(tap.count(topic)).isEqualTo(50);
            assertThat(tap.records(topic, "aborted")).isEmpty();
        }
    }

    @Test
    void awaitsARecordAndAnEventItHasNotSeenYet() throws Exception {
        String topic = SharedInfrastructure.createUniqueTopic("tap-await", 1);
        try (TopicTap tap = TopicTap.fromNow(topic);
             KafkaProducer<String, Object> producer = new KafkaProducer<>(SharedInfrastructure.eventProducerConfig())) {
            producer.send(new ProducerRecord<>(topic, "o-1", login("o-1"))).get();

            assertThat(tap.awaitRecord(topic, record -> "o-1".equals(record.key()), Duration.ofSeconds(30)).key()).isEqualTo("o-1");
            assertThat(tap.awaitEvent(topic, UserLoggedIn.class, event -> event.getOpenId().equals("o-1"), Duration.ofSeconds(30))
                    .getTraceId()).isEqualTo("trace-o-1");
        }
    }

    @Test
    void keepsRawBytesThatAreNoEvent() throws Exception {
        String topic = SharedInfrastructure.createUniqueTopic("tap-raw", 1);
        try (TopicTap tap = TopicTap.fromNow(topic);
             KafkaProducer<String, String> producer = new KafkaProducer<>(SharedInfrastructure.kafkaClientProperties(),
                     new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, null, "not avro")).get();
            tap.readToEnd();

            assertThat(tap.records(topic)).singleElement().satisfies(record -> assertThat(new String(record.value())).isEqualTo("not avro"));
            assertThatThrownBy(() -> tap.records("a-topic-it-does-not-read")).hasMessageContaining("does not read");
        }
    }

    private static UserLoggedIn login(String openId) {
        return UserLoggedIn.newBuilder().setEventId(UUID.randomUUID().toString()).setOccurredAt(Instant.now())
                .setOpenId(openId).setUnionId(null).setTraceId("trace-" + openId).build();
    }

}
