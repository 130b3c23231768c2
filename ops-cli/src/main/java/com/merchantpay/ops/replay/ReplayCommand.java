package com.merchantpay.ops.replay;

import com.merchantpay.ops.cluster.ClusterConnection;
import com.merchantpay.ops.cluster.ClusterOptions;
import com.merchantpay.ops.cluster.ExitCode;
import com.merchantpay.ops.cluster.OpsFailure;
import com.merchantpay.ops.cluster.PartitionScan;
import com.merchantpay.ops.cluster.TimeArgument;
import com.merchantpay.ops.decoding.EventDecoder;
import com.merchantpay.ops.decoding.SchemaRegistry;
import com.merchantpay.schemas.ids.EventIds;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Copies the records of a source topic in [from, to) to a target topic, without any consumer
 * group: live consumers of the source are neither stopped nor moved.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Copy the records of a topic in a time range [--from, --to) to a target topic, keeping key, "
                + "value bytes, headers and timestamp, adding replay-* audit headers.",
                "Resumable: running the same command again copies only what is missing."})
public final class ReplayCommand implements Callable<Integer> {

    @Mixin
    ClusterOptions clusterOptions;

    @Option(names = "--source", required = true, paramLabel = "TOPIC", description = "Topic to read.")
    String source;

    @Option(names = "--target", required = true, paramLabel = "TOPIC", description = "Existing topic to write (never created).")
    String target;

    @Option(names = "--from", required = true, paramLabel = "ISO-TIME", converter = TimeArgument.class,
            description = "First record time, included.")
    Instant from;

    @Option(names = "--to", required = true, paramLabel = "ISO-TIME", converter = TimeArgument.class,
            description = "End time, excluded.")
    Instant to;

    @Option(names = "--type", paramLabel = "EVENT_TYPE", description = "Only these event types (repeatable).")
    List<String> types = List.of();

    @Option(names = "--order", paramLabel = "ORDER_NO", description = "Only these order numbers (repeatable).")
    List<String> orders = List.of();

    @Option(names = "--dry-run", description = "Print counts per partition and type; change nothing.")
    boolean dryRun;

    @Option(names = "--max-rate", paramLabel = "N", defaultValue = "0",
            description = "At most N records per second (0 = unthrottled, the default).")
    int maxRate;

    @Option(names = "--yes", description = "Confirm a replay larger than --confirm-above.")
    boolean yes;

    @Option(names = "--confirm-above", paramLabel = "N", defaultValue = "${env:OPS_REPLAY_CONFIRM_ABOVE:-10000}",
            description = "Refuse to copy more than N records without --yes (env OPS_REPLAY_CONFIRM_ABOVE; default ${DEFAULT-VALUE}).")
    long confirmAbove;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "0",
            description = "Copy at most N records in this run, then stop (0 = all); run again to continue.")
    long limit;

    @Option(names = "--replay-id", paramLabel = "ID",
            description = "Name of this replay. Default: derived from source, target, range and filters, so that "
                    + "re-running the same command resumes it.")
    String replayId;

    @Option(names = "--by", paramLabel = "USER", defaultValue = "${sys:user.name}",
            description = "Who replays, for the replay-by header (default: the OS user).")
    String by;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        validate();
        String id = replayId != null ? replayId : defaultReplayId();
        ReplaySelection selection = new ReplaySelection(from, to, new TreeSet<>(types), new TreeSet<>(orders));
        try (ClusterConnection cluster = ClusterConnection.open(clusterOptions)) {
            Map<String, Integer> partitions = cluster.partitionCounts(List.of(source, target));
            PartitionScan scan = new PartitionScan(cluster);
            EventDecoder decoder = new EventDecoder(new SchemaRegistry(clusterOptions.registryUrl(), clusterOptions.timeout()));
            List<PartitionScan.Range> ranges = scan.timeRanges(sourcePartitions(partitions.get(source)),
                    from.toEpochMilli(), to.toEpochMilli());
            AlreadyCopied copied = AlreadyCopied.find(scan, target, partitions.get(target), id, source, from);
            ReplayCounts planned = plan(scan, ranges, selection, decoder, copied);
            report(id, planned, copied);
            if (dryRun) {
                return ExitCode.OK.code();
            }
            confirm(planned);
            ReplayCopier copier = new ReplayCopier(cluster, new ReplayCopier.Audit(id, by, Instant.now()), source, target,
                    partitions.get(source).equals(partitions.get(target)), spec.commandLine().getErr());
            long written = copier.copy(scan, ranges, selection, decoder, copied, Throttle.perSecond(maxRate),
                    limit > 0 ? limit : Long.MAX_VALUE, planned.total());
            finish(id, written, planned.total());
        }
        return ExitCode.OK.code();
    }

    private void validate() {
        if (!from.isBefore(to)) {
            throw OpsFailure.usage("empty time range: --from " + from + " must be before --to " + to);
        }
        if (source.equals(target)) {
            throw OpsFailure.refused("source and target are the same topic (" + source + "): a replay never writes to its source");
        }
        if (maxRate < 0 || limit < 0 || confirmAbove < 0) {
            throw OpsFailure.usage("--max-rate, --limit and --confirm-above must not be negative");
        }
    }

    private String defaultReplayId() {
        return "replay-" + EventIds.deterministic(source, target, from.toString(), to.toString(),
                String.join(",", new TreeSet<>(types)), String.join(",", new TreeSet<>(orders)));
    }

    private List<TopicPartition> sourcePartitions(int count) {
        return IntStream.range(0, count).mapToObj(partition -> new TopicPartition(source, partition)).toList();
    }

    private static ReplayCounts plan(PartitionScan scan, List<PartitionScan.Range> ranges, ReplaySelection selection,
            EventDecoder decoder, AlreadyCopied copied) {
        ReplayCounts counts = new ReplayCounts();
        scan.scan(ranges, record -> {
            String type = selection.selectedType(record, decoder);
            if (type != null && !copied.contains(record.partition(), record.offset())) {
                counts.add(record.partition(), type);
            }
            return true;
        });
        return counts;
    }

    private void report(String id, ReplayCounts planned, AlreadyCopied copied) {
        PrintWriter out = spec.commandLine().getOut();
        out.printf("replay %s: %s -> %s, [%s, %s)%s%n", id, source, target, from, to, dryRun ? " (dry run: nothing written)" : "");
        if (copied.count() > 0) {
            out.printf("  already in %s from earlier runs of this replay: %d (skipped)%n", target, copied.count());
        }
        out.println(dryRun ? "would copy:" : "to copy:");
        planned.print(out);
        out.flush();
    }

    private void confirm(ReplayCounts planned) {
        if (planned.total() > confirmAbove && !yes) {
            throw OpsFailure.refused(planned.total() + " records to copy is more than " + confirmAbove
                    + "; check the dry run and add --yes");
        }
    }

    private void finish(String id, long written, long planned) {
        PrintWriter out = spec.commandLine().getOut();
        if (written < planned) {
            out.printf("copied %d of %d; run the same command again to copy the remaining %d (replay id %s)%n",
                    written, planned, planned - written, id);
        } else if (planned == 0) {
            out.printf("nothing to copy (replay id %s); to copy the same records again, pass a new --replay-id%n", id);
        } else {
            out.printf("copied %d records (replay id %s)%n", written, id);
        }
        out.flush();
    }
}
