package com.merchantpay.ops.deadletter;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ops dlt list|show|redrive}. */
@Command(name = "dlt", mixinStandardHelpOptions = true,
        description = "Dead letters: list them with their reason, show one, re-drive selected ones to their original topic.",
        subcommands = {DeadLetterListCommand.class, DeadLetterShowCommand.class, DeadLetterRedriveCommand.class})
public final class DeadLetterCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "choose list, show or redrive");
    }
}
