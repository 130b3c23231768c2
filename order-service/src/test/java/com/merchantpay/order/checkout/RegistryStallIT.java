package com.merchantpay.order.checkout;

import static com.merchantpay.order.support.OrderServiceUnderTest.awaitOneDecision;
import static com.merchantpay.order.support.Checkouts.checkout;
import static com.merchantpay.order.support.OrderServiceUnderTest.deadLetters;
import static com.merchantpay.order.support.OrderServiceUnderTest.decisions;
import static com.merchantpay.order.support.Checkouts.item;
import static com.merchantpay.order.support.Checkouts.newOrderNo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.merchantpay.events.checkout.CheckoutRequested;
import com.merchantpay.events.order.OrderCreated;
import com.merchantpay.order.support.OrderServiceUnderTest;
import com.merchantpay.order.support.Checkouts;
import com.merchantpay.testsupport.SandboxAdmin;
import com.merchantpay.schemas.registry.RegisteredSchemas;
import com.merchantpay.schemas.topics.PaymentTopics;
import com.merchantpay.testsupport.SharedInfrastructure;
import com.merchantpay.testsupport.StallingProxy;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The partition-stall bug (issue 22), made deterministic: the registry accepts connections and
 * stops answering after the service started. Before the fix the first record each consumer read
 * looked its schema up inside {@code poll()} with no deadline, and that consumer's partitions stood
 * still for {@code max.poll.interval.ms}. Now the service knows every schema it reads from its
 * start, and a record that does need a lookup waits a bounded time, is read again later and is
 * never dead-lettered; the other partitions go on meanwhile.
 */
class RegistryStallIT {

    private static StallingProxy registry;
    private final SandboxAdmin sandbox = OrderServiceUnderTest.sandbox().admin();
    private final Checkouts topics = Checkouts.checkouts();

    @BeforeAll
    static void serviceBehindAStallingRegistry() {
        URI real = URI.create(SharedInfrastructure.registryUrl());
        registry = StallingProxy.to(real.getHost(), real.getPort());
        OrderServiceUnderTest.restart(Map.of(
                "registry.url", registry.url(),
                "registry.request-timeout", "300ms",
                "registry.attempts", "2",
                "order.checkout.registry-retry", "200ms"));
    }

    @AfterAll
    static void back() {
        registry.release();
        OrderServiceUnderTest.stop();
        registry.close();
    }

    @Test
    void everyPartitionKeepsDecidingWhileTheRegistryHangs() {
        sandbox.reset();
        registry.stall();
        // One order number per partition, whatever the partition count: drawn until every partition has one.
        Map<Integer, String> byPartition = new TreeMap<>();
        while (byPartition.size() < PaymentTopics.CHECKOUTS.partitions()) {
            String orderNo = newOrderNo("registry-stall");
            byPartition.putIfAbsent(BuiltInPartitioner.partitionForKey(orderNo.getBytes(StandardCharsets.UTF_8),
                    PaymentTopics.CHECKOUTS.partitions()), orderNo);
        }
        List<CheckoutRequested> checkouts = byPartition.values().stream()
                .map(orderNo -> checkout(orderNo, item("green-tea", 1))).toList();
        List<RecordMetadata> sent = checkouts.stream().map(topics::send).toList();
        assertThat(sent.stream().map(RecordMetadata::partition).collect(Collectors.toSet()))
                .as("checkouts on every partition").hasSize(PaymentTopics.CHECKOUTS.partitions());

        for (int i = 0; i < checkouts.size(); i++) {
            assertThat(awaitOneDecision(checkouts.get(i).getOrderNo(), sent.get(i)).event()).isInstanceOf(OrderCreated.class);
        }
        registry.release();
    }

    @Test
    void aRecordWhoseSchemaCannotBeFetchedNowWaitsAndIsDecidedWhenTheRegistryAnswers() throws Exception {
        sandbox.reset();
        String waiting = newOrderNo("schema-later");
        byte[] newerVersion = framedWithNewerSchema(checkout(waiting, item("milk-tea", 2)));
        registry.stall();

        RecordMetadata held = topics.sendRaw(waiting, newerVersion);
        List<String> others = IntStream.range(0, 6).mapToObj(i -> newOrderNo("not-held")).toList();
        List<RecordMetadata> othersSent = others.stream().map(no -> topics.send(checkout(no, item("egg-tart", 1)))).toList();
        Set<Integer> otherPartitions = othersSent.stream().map(RecordMetadata::partition)
                .filter(partition -> partition != held.partition()).collect(Collectors.toSet());
        for (int i = 0; i < others.size(); i++) {
            if (otherPartitions.contains(othersSent.get(i).partition())) {
                awaitOneDecision(others.get(i), othersSent.get(i));
            }
        }
        assertThat(decisions(waiting)).as("not decided while its schema cannot be fetched").isEmpty();

        registry.release();

        OrderCreated created = (OrderCreated) awaitOneDecision(waiting, held).event();
        assertThat(created.getAmountMinor()).isEqualTo(6400);
        assertThat(deadLetters(waiting)).as("a valid record is never dead-lettered").isEmpty();
        await().atMost(Duration.ofSeconds(30)).until(() -> others.stream().allMatch(no -> decisions(no).size() == 1));
    }

    /** The checkout as a newer gateway would write it: CheckoutRequested with one more optional field. */
    private static byte[] framedWithNewerSchema(CheckoutRequested checkout) throws Exception {
        Schema today = CheckoutRequested.getClassSchema();
        SchemaBuilder.FieldAssembler<Schema> fields = SchemaBuilder.record(today.getName()).namespace(today.getNamespace()).fields();
        for (Schema.Field field : today.getFields()) {
            fields = fields.name(field.name()).type(field.schema()).noDefault();
        }
        Schema newer = fields.name("channel").type().optional().stringType().endRecord();
        int id = RegisteredSchemas.of(SharedInfrastructure.registryUrl()).registry().register(today.getFullName(), newer);

        GenericData data = new GenericData();
        data.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
        GenericRecord record = new GenericData.Record(newer);
        today.getFields().forEach(field -> record.put(field.name(), checkout.get(field.pos())));
        record.put("channel", "mini-program");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(ByteBuffer.allocate(5).put((byte) 0).putInt(id).array());
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(newer, data).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
