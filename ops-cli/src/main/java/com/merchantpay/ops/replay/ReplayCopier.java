package com.merchantpay.ops.replay;

import com.merchantpay.ops.cluster.ClusterConnection;
import com.merchantpay.ops.cluster.ExitCode;
import com.merchantpay.ops.cluster.OpsFailure;
import com.merchantpay.ops.cluster.PartitionScan;
import com.merchantpay.ops.decoding.EventDecoder;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Writes the selected records to the target: same key, value bytes, headers and timestamp, plus the
 * audit headers. With equal partition counts a copy goes to the source's partition number, so the
 * target keeps each partition's order exactly; otherwise the key decides, as for any producer.
 */
final class ReplayCopier {

    /** Who and when, written into every copy. */
    record Audit(String replayId, String by, Instant at) {
    }

    private static final long PROGRESS_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final ClusterConnection cluster;
    private final Audit audit;
    private final String source;
    private final String target;
    private final boolean samePartitioning;
    private final PrintWriter progress;

    ReplayCopier(ClusterConnection cluster, Audit audit, String source, String target, boolean samePartitioning,
            PrintWriter progress) {
        this.cluster = cluster;
        this.audit = audit;
        this.source = source;
        this.target = target;
        this.samePartitioning = samePartitioning;
        this.progress = progress;
    }

    /** Copies up to {@code limit} selected records not copied before; returns how many the broker acknowledged. */
    long copy(PartitionScan scan, List<PartitionScan.Range> ranges, ReplaySelection selection, EventDecoder decoder,
            AlreadyCopied copied, Throttle throttle, long limit, long planned) {
        AtomicLong acknowledged = new AtomicLong();
        AtomicReference<Exception> failure = new AtomicReference<>();
        long[] sent = {0};
        long[] lastProgress = {System.nanoTime()};
        try (KafkaProducer<byte[], byte[]> producer = cluster.producer()) {
            scan.scan(ranges, record -> {
                if (failure.get() != null || sent[0] >= limit) {
                    return false;
                }
                if (selection.selectedType(record, decoder) == null || copied.contains(record.partition(), record.offset())) {
                    return true;
                }
                throttle.awaitTurn();
                producer.send(copyOf(record), (metadata, error) -> {
                    if (error == null) {
                        acknowledged.incrementAndGet();
                    } else {
                        failure.compareAndSet(null, error);
                    }
                });
                sent[0]++;
                reportProgress(sent[0], planned, lastProgress, record);
                return sent[0] < limit;
            });
            producer.flush();
        }
        progress.printf("replay %s: %d of %d copied%n", audit.replayId(), acknowledged.get(), planned);
        progress.flush();
        if (failure.get() != null) {
            throw new OpsFailure(ExitCode.FAILED, "writing to " + target + " failed after " + acknowledged.get()
                    + " copies: " + failure.get().getMessage() + "; run the same command again to resume");
        }
        return acknowledged.get();
    }

    private ProducerRecord<byte[], byte[]> copyOf(ConsumerRecord<byte[], byte[]> record) {
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        AuditHeaders.add(headers, AuditHeaders.REPLAY_ID, audit.replayId());
        AuditHeaders.add(headers, AuditHeaders.REPLAY_BY, audit.by());
        AuditHeaders.add(headers, AuditHeaders.REPLAY_AT, audit.at());
        AuditHeaders.add(headers, AuditHeaders.SOURCE_TOPIC, source);
        AuditHeaders.add(headers, AuditHeaders.SOURCE_PARTITION, record.partition());
        AuditHeaders.add(headers, AuditHeaders.SOURCE_OFFSET, record.offset());
        Integer partition = samePartitioning ? record.partition() : null;
        return new ProducerRecord<>(target, partition, record.timestamp(), record.key(), record.value(), headers);
    }

    private void reportProgress(long sent, long planned, long[] lastProgress, ConsumerRecord<byte[], byte[]> record) {
        long now = System.nanoTime();
        if (now - lastProgress[0] >= PROGRESS_EVERY_NANOS) {
            lastProgress[0] = now;
            progress.printf("replay %s: %d of %d sent (at %s-%d@%d)%n", audit.replayId(), sent, planned,
                    record.topic(), record.partition(), record.offset());
            progress.flush();
        }
    }
}
