package com.merchantpay.e2e.support;

import com.merchantpay.ops.OpsCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * The operators' tool ({@code bin/ops}) run in-process against the stack, exactly as an operator
 * types it: each run is a fresh command line with its own output, so two operators may run it at once.
 */
public final class OpsTool {

    /** What one run of the tool said. */
    public record Run(int exit, String out, String err) {

        /** The tool's stdout and the last line of its stderr, enough for a report. */
        public String said() {
            List<String> lines = err.strip().lines().toList();
            return (out.strip() + " " + (lines.isEmpty() ? "" : lines.getLast())).strip();
        }
    }

    private final String bootstrapServers;
    private final String registryUrl;

    public OpsTool(String bootstrapServers, String registryUrl) {
        this.bootstrapServers = bootstrapServers;
        this.registryUrl = registryUrl;
    }

    public Run run(String... command) {
        List<String> args = new ArrayList<>(List.of(command));
        args.addAll(List.of("--bootstrap-servers", bootstrapServers, "--registry-url", registryUrl));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine ops = OpsCommand.commandLine();
        ops.setOut(new PrintWriter(out, true));
        ops.setErr(new PrintWriter(err, true));
        int exit = ops.execute(args.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }
}
