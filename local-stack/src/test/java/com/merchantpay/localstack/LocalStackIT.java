package com.merchantpay.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.merchantpay.events.identity.UserLoggedIn;
import com.merchantpay.localstack.broker.KafkaBrokerProcess;
import com.merchantpay.localstack.registry.RegistryProcess;
import com.merchantpay.schemas.kafka.KafkaClients;
import com.merchantpay.schemas.registry.EventSchemas;
import com.merchantpay.schemas.registry.RegistrySettings;
import com.merchantpay.schemas.registry.SchemaRegistryClient;
import org.apache.avro.Schema;
import com.merchantpay.schemas.topics.PaymentTopics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The local stack starts, carries an Avro event through the registry's wire format, and stops without leftovers. */
class LocalStackIT {

    private static final Logger log = LoggerFactory.getLogger(LocalStackIT.class);

    private final Path root = Path.of(System.getProperty("java.io.tmpdir"), "local-stack-" + UUID.randomUUID());
    private LocalStack stack;

    @AfterEach
    void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void startsCarriesAnAvroEventAndStopsEveryProcess() throws Exception {
        long began = System.nanoTime();
        stack = LocalStack.start(root);
        log.info("Local stack (broker, kafkasql registry, topics, schemas) up in {} ms",
                Duration.ofNanos(System.nanoTime() - began).toMillis());
        Map<String, Long> pids = stack.pids();
        assertThat(pids).containsOnlyKeys(KafkaBrokerProcess.MEMBER, RegistryProcess.MEMBER);

        String subject = UserLoggedIn.getClassSchema().getFullName();
        assertThat(get(stack.registryUrl() + "/apis/ccompat/v7/config/" + subject)).contains("BACKWARD_TRANSITIVE");
        assertThat(new SchemaRegistryClient(RegistrySettings.of(stack.registryUrl())).subjects())
                .as("one subject per event, nothing else")
                .containsExactlyInAnyOrderElementsOf(EventSchemas.fromClasspath().stream().map(Schema::getFullName).toList());

        UserLoggedIn sent = UserLoggedIn.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(Instant.ofEpochMilli(System.currentTimeMillis()))
                .setOpenId("o-open-id-1")
                .setUnionId(null)
                .setTraceId("trace-1")
                .build();
        produce(sent);
        assertThat(consumeOne()).isEqualTo(sent);

        stack.close();
        pids.forEach((member, pid) ->
                assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).as(member + " PID " + pid).isEmpty());
        assertThat(root.resolve("pids")).isEmptyDirectory();
    }

    private void produce(UserLoggedIn event) throws Exception {
        Map<String, Object> config = KafkaClients.eventProducer(stack.bootstrapServers(), stack.registryUrl(),
                Duration.ofSeconds(10), Duration.ofSeconds(30));
        try (KafkaProducer<String, UserLoggedIn> producer = new KafkaProducer<>(config)) {
            producer.send(new ProducerRecord<>(PaymentTopics.USER_LOGINS.name(), event.getOpenId(), event)).get();
        }
    }

    private Object consumeOne() {
        Map<String, Object> config = new HashMap<>(KafkaClients.eventConsumer(stack.bootstrapServers(), stack.registryUrl(),
                Duration.ofMillis(100)));
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "local-stack-test-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<Object> received = new ArrayList<>();
        try (KafkaConsumer<String, Object> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(PaymentTopics.USER_LOGINS.name()));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> received.add(record.value()));
                return !received.isEmpty();
            });
        }
        return received.getFirst();
    }

    private static String get(String url) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("GET " + url).isEqualTo(200);
            return response.body();
        }
    }
}
