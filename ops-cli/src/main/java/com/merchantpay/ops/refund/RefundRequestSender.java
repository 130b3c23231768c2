package com.merchantpay.ops.refund;

import tools.jackson.databind.JsonNode;
import com.merchantpay.events.refund.RefundRequested;
import com.merchantpay.ops.cluster.ClusterConnection;
import com.merchantpay.ops.cluster.ClusterOptions;
import com.merchantpay.ops.cluster.ExitCode;
import com.merchantpay.ops.cluster.OpsFailure;
import com.merchantpay.ops.decoding.DecodedValue;
import com.merchantpay.ops.decoding.EventDecoder;
import com.merchantpay.ops.history.OrderPartition;
import com.merchantpay.schemas.kafka.KafkaClients;
import com.merchantpay.schemas.registry.RegistryUnavailableException;
import com.merchantpay.schemas.registry.SchemaNotRegisteredException;
import com.merchantpay.schemas.topics.PaymentTopics;
import com.merchantpay.schemas.tracing.TraceHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;

/**
 * Writes one refund request and watches the order's partition of the refunds topic for the
 * ledger's decision on it. The end of that partition is taken before the request is sent, so a
 * decision cannot slip past unseen.
 */
final class RefundRequestSender {

    private final ClusterConnection cluster;
    private final ClusterOptions options;
    private final EventDecoder decoder;

    RefundRequestSender(ClusterConnection cluster, ClusterOptions options, EventDecoder decoder) {
        this.cluster = cluster;
        this.options = options;
        this.decoder = decoder;
    }

    RefundDecision send(RefundRequested request, Duration wait) {
        String decisions = PaymentTopics.REFUNDS.name();
        TopicPartition partition = new TopicPartition(decisions,
                OrderPartition.of(request.getOrderNo(), cluster.partitionCount(decisions)));
        try (KafkaConsumer<byte[], byte[]> consumer = cluster.consumer()) {
            consumer.assign(List.of(partition));
            consumer.seekToEnd(List.of(partition));
            consumer.position(partition, options.timeout());
            write(request);
            return awaitDecision(consumer, request, wait);
        }
    }

    private void write(RefundRequested request) {
        var config = KafkaClients.eventProducer(options.bootstrapServers(), options.registryUrl(),
                options.timeout(), options.timeout().multipliedBy(3));
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(config)) {
            ProducerRecord<String, SpecificRecord> record = new ProducerRecord<>(PaymentTopics.REFUND_REQUESTS.name(),
                    request.getOrderNo(), request);
            record.headers().add(TraceHeaders.KAFKA_HEADER, request.getTraceId().getBytes(StandardCharsets.UTF_8));
            producer.send(record).get(options.timeout().multipliedBy(3).toMillis(), TimeUnit.MILLISECONDS);
        } catch (RegistryUnavailableException e) {
            throw OpsFailure.unreachable("registry " + options.registryUrl() + " did not answer: " + e.getMessage());
        } catch (SchemaNotRegisteredException e) {
            throw new OpsFailure(ExitCode.FAILED, e.getMessage() + " (run: ops schemas register)");
        } catch (TimeoutException e) {
            throw cluster.unreachableBroker("send the refund request");
        } catch (ExecutionException | KafkaException e) {
            throw cluster.translate(e instanceof ExecutionException ? e.getCause() : e, "send the refund request");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OpsFailure(ExitCode.FAILED, "interrupted while sending the refund request");
        }
    }

    private RefundDecision awaitDecision(KafkaConsumer<byte[], byte[]> consumer, RefundRequested request, Duration wait) {
        byte[] key = request.getOrderNo().getBytes(StandardCharsets.UTF_8);
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                if (!Arrays.equals(key, record.key())) {
                    continue;
                }
                DecodedValue decoded = decoder.decode(record.value());
                JsonNode body = decoded.body();
                if (!request.getRefundId().equals(body.path("refundId").asString())) {
                    continue;
                }
                switch (decoded.type()) {
                    case "RefundApproved" -> {
                        return new RefundDecision.Approved(body.path("refundableAfterMinor").asLong());
                    }
                    case "RefundRefused" -> {
                        return new RefundDecision.Refused(body.path("code").asString(), body.path("message").asString());
                    }
                    default -> {
                    }
                }
            }
        }
        return new RefundDecision.NotSeenYet();
    }
}
