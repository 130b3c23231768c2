package com.merchantpay.ops.deadletter;

import com.merchantpay.ops.cluster.ClusterConnection;
import com.merchantpay.ops.cluster.ClusterOptions;
import com.merchantpay.ops.cluster.TimeArgument;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "list", mixinStandardHelpOptions = true,
        description = "Dead letters with where they came from and why (spring-kafka's kafka_dlt-* headers).")
final class DeadLetterListCommand implements Callable<Integer> {

    private static final int MESSAGE_WIDTH = 160;

    @Mixin
    ClusterOptions clusterOptions;

    @Option(names = "--topic", paramLabel = "TOPIC.dlt",
            description = "Dead-letter topics to list (repeatable; default: every payment .dlt topic).")
    List<String> topics;

    @Option(names = "--since", paramLabel = "ISO-TIME", converter = TimeArgument.class,
            description = "Only dead letters written at or after this time.")
    Instant since;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (ClusterConnection cluster = ClusterConnection.open(clusterOptions)) {
            DeadLetterReader reader = new DeadLetterReader(cluster);
            List<DeadLetter> letters = reader.all(reader.topics(topics), since);
            PrintWriter out = spec.commandLine().getOut();
            out.printf("%d dead letters%n", letters.size());
            for (DeadLetter letter : letters) {
                out.printf("%s  %s  key=%s  from %s  %s: %s%n", letter.coordinates(), letter.time(), letter.key(),
                        letter.origin(), letter.exceptionClass(), shortened(letter.exceptionMessage()));
            }
            out.flush();
        }
        return 0;
    }

    private static String shortened(String message) {
        if (message == null) {
            return "(no message)";
        }
        String oneLine = message.replaceAll("\\s+", " ");
        return oneLine.length() <= MESSAGE_WIDTH ? oneLine : oneLine.substring(0, MESSAGE_WIDTH) + "…";
    }
}
