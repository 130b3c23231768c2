package com.merchantpay.ops.deadletter;

import com.merchantpay.ops.cluster.ClusterConnection;
import com.merchantpay.ops.cluster.ClusterOptions;
import com.merchantpay.ops.cluster.ExitCode;
import com.merchantpay.ops.cluster.OpsFailure;
import com.merchantpay.ops.cluster.PartitionScan;
import com.merchantpay.ops.decoding.HeaderText;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Sends selected dead letters back to the topic they came from, with key, value and headers (minus
 * the kafka_dlt-* reason headers) and {@code redriven-*} audit headers. A dead letter already
 * re-driven (its coordinates found in a {@code redriven-from} header of the original topic) is
 * skipped unless {@code --again}, so running the same command twice does not double anything.
 */
@Command(name = "redrive", mixinStandardHelpOptions = true,
        description = "Re-drive selected dead letters to their original topic (dry-run first with --dry-run).")
final class DeadLetterRedriveCommand implements Callable<Integer> {

    static final String REDRIVEN_FROM = "redriven-from";
    static final String REDRIVEN_BY = "redriven-by";
    static final String REDRIVEN_AT = "redriven-at";

    @Mixin
    ClusterOptions clusterOptions;

    @Option(names = "--topic", required = true, paramLabel = "TOPIC.dlt", description = "The dead-letter topic.")
    String topic;

    @ArgGroup(multiplicity = "1")
    Selection selection;

    static final class Selection {
        @Option(names = "--record", paramLabel = "PARTITION:OFFSET", split = ",",
                description = "Dead letters to re-drive (repeatable or comma-separated).")
        List<String> records;

        @Option(names = "--all", description = "Every dead letter of the topic (narrow with --exception).")
        boolean all;
    }

    @Option(names = "--exception", paramLabel = "FQCN", description = "With --all: only dead letters with this exception class.")
    String exceptionClass;

    @Option(names = "--dry-run", description = "Print what would be re-driven; change nothing.")
    boolean dryRun;

    @Option(names = "--again", description = "Also re-drive dead letters that were re-driven before.")
    boolean again;

    @Option(names = "--by", paramLabel = "USER", defaultValue = "${sys:user.name}", description = "Who re-drives (audit header).")
    String by;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (ClusterConnection cluster = ClusterConnection.open(clusterOptions)) {
            List<DeadLetter> selected = select(new DeadLetterReader(cluster));
            Set<String> done = alreadyRedriven(cluster, selected);
            List<DeadLetter> toSend = selected.stream().filter(letter -> again || !done.contains(letter.coordinates())).toList();
            report(selected, done);
            if (!dryRun && !toSend.isEmpty()) {
                send(cluster, toSend);
            }
        }
        return ExitCode.OK.code();
    }

    private List<DeadLetter> select(DeadLetterReader reader) {
        reader.topics(List.of(topic));
        List<DeadLetter> letters = new ArrayList<>();
        if (selection.all) {
            reader.all(List.of(topic), null).stream()
                    .filter(letter -> exceptionClass == null || exceptionClass.equals(letter.exceptionClass()))
                    .forEach(letters::add);
        } else {
            for (String coordinates : selection.records) {
                String[] parts = coordinates.split(":");
                if (parts.length != 2) {
                    throw OpsFailure.usage("--record takes PARTITION:OFFSET, not '" + coordinates + "'");
                }
                letters.add(reader.one(topic, parse(parts[0]), parse(parts[1])));
            }
        }
        for (DeadLetter letter : letters) {
            if (letter.originalTopic() == null) {
                throw OpsFailure.refused(letter.coordinates() + " has no " + DeadLetter.ORIGINAL_TOPIC
                        + " header: its original topic is unknown, nothing re-driven");
            }
        }
        return letters;
    }

    private static int parse(String number) {
        try {
            return Integer.parseInt(number.trim());
        } catch (NumberFormatException e) {
            throw OpsFailure.usage("'" + number + "' is not a number");
        }
    }

    /**
     * Coordinates of dead letters already re-driven. A re-driven copy is written after its dead
     * letter, so each original topic is read only from the oldest selected dead letter's time on.
     */
    private Set<String> alreadyRedriven(ClusterConnection cluster, List<DeadLetter> letters) {
        Set<String> done = new HashSet<>();
        if (letters.isEmpty()) {
            return done;
        }
        List<String> targets = letters.stream().map(DeadLetter::originalTopic).distinct().toList();
        Map<String, Integer> counts = cluster.partitionCounts(targets);
        long oldest = letters.stream().mapToLong(letter -> letter.time().toEpochMilli()).min().orElseThrow();
        List<TopicPartition> partitions = new ArrayList<>();
        counts.forEach((name, count) -> IntStream.range(0, count).forEach(p -> partitions.add(new TopicPartition(name, p))));
        PartitionScan scan = new PartitionScan(cluster);
        scan.scan(scan.timeRanges(partitions, oldest, null), record -> {
            String from = HeaderText.last(record.headers(), REDRIVEN_FROM);
            if (from != null) {
                done.add(from);
            }
            return true;
        });
        return done;
    }

    private void report(List<DeadLetter> selected, Set<String> done) {
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%s%d dead letters selected%n", dryRun ? "dry run, nothing written: " : "", selected.size());
        for (DeadLetter letter : selected) {
            boolean skipped = done.contains(letter.coordinates()) && !again;
            out.printf("  %s -> %s  %s%s%n", letter.coordinates(), letter.origin(), letter.exceptionClass(),
                    skipped ? "  (already re-driven: skipped; --again to repeat)" : "");
        }
        out.flush();
    }

    private void send(ClusterConnection cluster, List<DeadLetter> letters) {
        Map<String, Integer> counts = cluster.partitionCounts(letters.stream().map(DeadLetter::originalTopic).distinct().toList());
        String at = Instant.now().toString();
        List<Future<?>> sends = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = cluster.producer()) {
            for (DeadLetter letter : letters) {
                sends.add(producer.send(redriven(letter, counts.get(letter.originalTopic()), at)));
            }
            producer.flush();
            for (Future<?> sent : sends) {
                sent.get();
            }
        } catch (ExecutionException e) {
            throw cluster.translate(e.getCause(), "re-drive dead letters (run again: re-driven ones are skipped)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OpsFailure(ExitCode.FAILED, "interrupted; run again: re-driven ones are skipped");
        }
        spec.commandLine().getOut().printf("re-drove %d dead letters%n", letters.size());
        spec.commandLine().getOut().flush();
    }

    private ProducerRecord<byte[], byte[]> redriven(DeadLetter letter, int partitions, String at) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : letter.record().headers()) {
            if (!header.key().startsWith(DeadLetter.HEADER_PREFIX)) {
                headers.add(header);
            }
        }
        headers.add(REDRIVEN_FROM, letter.coordinates().getBytes(StandardCharsets.UTF_8));
        headers.add(REDRIVEN_BY, by.getBytes(StandardCharsets.UTF_8));
        headers.add(REDRIVEN_AT, at.getBytes(StandardCharsets.UTF_8));
        // Back to the partition it failed on, so it stays with the rest of its order.
        Integer partition = letter.originalPartition() != null && letter.originalPartition() < partitions
                ? letter.originalPartition() : null;
        return new ProducerRecord<>(letter.originalTopic(), partition, letter.record().key(), letter.record().value(), headers);
    }
}
