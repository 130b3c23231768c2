package com.merchantpay.ops;

import com.merchantpay.ops.cluster.ExitCode;
import com.merchantpay.ops.cluster.OpsFailure;
import com.merchantpay.ops.deadletter.DeadLetterCommand;
import com.merchantpay.ops.history.HistoryCommand;
import com.merchantpay.ops.lag.LagCommand;
import com.merchantpay.ops.refund.RefundCommand;
import com.merchantpay.ops.replay.ReplayCommand;
import com.merchantpay.ops.schema.SchemasCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The operators' command line: {@code ops history|replay|dlt|lag|refund|schemas}. */
@Command(name = "ops", mixinStandardHelpOptions = true, version = "ops 0.1.0",
        description = "Operate the payment topics safely: one order's history, replays, dead letters, lag, refunds, schemas.",
        subcommands = {HistoryCommand.class, ReplayCommand.class, DeadLetterCommand.class, LagCommand.class, RefundCommand.class,
                SchemasCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:ok",
                "1:usage (bad option, bad time range)",
                "2:refused (unsafe or impossible: same topic, unknown topic, over the threshold without --yes, a refund past what was paid)",
                "3:broker or registry unreachable",
                "4:failed (see the message)"},
        footer = {"", "Connection: --bootstrap-servers / SPRING_KAFKA_BOOTSTRAP_SERVERS, --registry-url / REGISTRY_URL."})
public final class OpsCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line; tests call {@code execute} on it with their own writers. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new OpsCommand());
        commandLine.setParameterExceptionHandler(OpsCommand::usageError);
        commandLine.setExecutionExceptionHandler((failure, failedLine, parseResult) -> executionError(failure, failedLine));
        return commandLine;
    }

    private static int usageError(CommandLine.ParameterException failure, String[] args) {
        PrintWriter err = failure.getCommandLine().getErr();
        err.println("error: " + failure.getMessage());
        err.println("Try '" + failure.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
        return ExitCode.USAGE.code();
    }

    /** One line on stderr and a stable exit code: operators never see a stack trace. */
    private static int executionError(Exception failure, CommandLine failedLine) {
        PrintWriter err = failedLine.getErr();
        if (failure instanceof OpsFailure opsFailure) {
            err.println("error: " + opsFailure.getMessage());
            return opsFailure.exitCode().code();
        }
        err.println("error: " + describe(failure));
        if (Boolean.getBoolean("ops.debug")) {
            StringWriter trace = new StringWriter();
            failure.printStackTrace(new PrintWriter(trace));
            err.println(trace);
        }
        return ExitCode.FAILED.code();
    }

    private static String describe(Throwable failure) {
        String message = failure.getMessage();
        return message == null ? failure.getClass().getSimpleName() : message;
    }
}
