package com.merchantpay.ops.support;

import com.merchantpay.ops.OpsCommand;
import com.merchantpay.testsupport.SharedInfrastructure;
import com.merchantpay.testsupport.TopicTap;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import picocli.CommandLine;

/** Runs the tool in-process, as an operator would, against the shared broker and registry. */
public record OpsRun(int exitCode, String out, String err) {

    /** Runs {@code ops <args>} with the shared broker and registry appended as connection options. */
    public static OpsRun ops(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--bootstrap-servers", SharedInfrastructure.bootstrapServers(),
                "--registry-url", SharedInfrastructure.registryUrl()));
        return raw(all.toArray(String[]::new));
    }

    /** Runs {@code ops <args>} exactly as given. */
    public static OpsRun raw(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = OpsCommand.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new OpsRun(exitCode, out.toString(), err.toString());
    }

    /** Everything the topic holds now, as the tool left it: read to its end by a tap from the beginning. */
    public static List<ConsumerRecord<String, byte[]>> recordsOn(String topic) {
        try (TopicTap tap = TopicTap.fromBeginning(topic)) {
            tap.readToEnd();
            return tap.records(topic);
        }
    }

    /** A header's value as text, or null. */
    public static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
    }
}
