package com.merchantpay.ops.deadletter;

import com.merchantpay.ops.cluster.ClusterConnection;
import com.merchantpay.ops.cluster.ClusterOptions;
import com.merchantpay.ops.decoding.DecodedValue;
import com.merchantpay.ops.decoding.EventDecoder;
import com.merchantpay.ops.decoding.SchemaRegistry;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.kafka.common.header.Header;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "show", mixinStandardHelpOptions = true,
        description = "One dead letter: its reason, every header and the decoded value.")
final class DeadLetterShowCommand implements Callable<Integer> {

    private static final int STACK_LINES = 4;

    @Mixin
    ClusterOptions clusterOptions;

    @Parameters(index = "0", paramLabel = "TOPIC")
    String topic;

    @Parameters(index = "1", paramLabel = "PARTITION")
    int partition;

    @Parameters(index = "2", paramLabel = "OFFSET")
    long offset;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (ClusterConnection cluster = ClusterConnection.open(clusterOptions)) {
            DeadLetter letter = new DeadLetterReader(cluster).one(topic, partition, offset);
            DecodedValue value = new EventDecoder(new SchemaRegistry(clusterOptions.registryUrl(), clusterOptions.timeout()))
                    .decode(letter.record().value());
            print(letter, value);
        }
        return 0;
    }

    private void print(DeadLetter letter, DecodedValue value) {
        PrintWriter out = spec.commandLine().getOut();
        out.printf("dead letter %s at %s%n", letter.coordinates(), letter.time());
        out.printf("  key:       %s%n", letter.key());
        out.printf("  from:      %s%n", letter.origin());
        out.printf("  exception: %s%n", letter.exceptionClass());
        out.printf("  message:   %s%n", letter.exceptionMessage());
        out.println("  headers:");
        for (Header header : letter.record().headers()) {
            out.printf("    %s = %s%n", header.key(), headerText(header));
        }
        out.printf("  type:      %s%n", value.type());
        out.printf("  value:     %s%n", value.body());
        out.flush();
    }

    private static String headerText(Header header) {
        if (header.key().equals(DeadLetter.ORIGINAL_PARTITION) || header.key().equals(DeadLetter.ORIGINAL_OFFSET)
                || header.key().equals("kafka_dlt-original-timestamp")) {
            return String.valueOf(DeadLetter.number(header));
        }
        if (header.value() == null) {
            return "(null)";
        }
        String text = new String(header.value(), StandardCharsets.UTF_8);
        List<String> lines = text.lines().toList();
        // The consumer's stack trace: its first lines say where; the rest would bury the reason.
        return lines.size() <= STACK_LINES ? text
                : String.join("\n      ", lines.subList(0, STACK_LINES)) + "\n      ... " + (lines.size() - STACK_LINES) + " more lines";
    }
}
