package com.merchantpay.ops.schema;

import com.merchantpay.ops.cluster.ClusterOptions;
import com.merchantpay.ops.cluster.ExitCode;
import com.merchantpay.ops.cluster.OpsFailure;
import com.merchantpay.schemas.registry.IncompatibleSchemaException;
import com.merchantpay.schemas.registry.RegistrySettings;
import com.merchantpay.schemas.registry.RegistryUnavailableException;
import com.merchantpay.schemas.registry.SchemaRegistration;
import com.merchantpay.schemas.registry.SchemaRegistryClient;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The deployment step that registers the event schemas (services never do), and a look at what the
 * registry holds: one subject per event, its versions and its compatibility rule.
 */
@Command(name = "schemas", mixinStandardHelpOptions = true,
        description = "Register the event schemas (a deployment step), or list what the registry holds.",
        subcommands = {SchemasCommand.Register.class, SchemasCommand.ListSubjects.class})
public final class SchemasCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "register or list");
    }

    @Command(name = "register", mixinStandardHelpOptions = true,
            description = "Register every event schema of this release (" + SchemaRegistration.COMPATIBILITY
                    + " per subject). Safe to repeat; refuses a version that could not read older records.")
    static final class Register implements Callable<Integer> {

        @Mixin
        ClusterOptions clusterOptions;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            List<SchemaRegistration.Registered> registered = withRegistry(clusterOptions, SchemaRegistration::registerAll);
            PrintWriter out = spec.commandLine().getOut();
            registered.forEach(schema -> out.printf("%-60s id %d%n", schema.subject(), schema.id()));
            out.printf("%d event schemas registered, each %s%n", registered.size(), SchemaRegistration.COMPATIBILITY);
            return ExitCode.OK.code();
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Every subject with its versions and compatibility rule.")
    static final class ListSubjects implements Callable<Integer> {

        @Mixin
        ClusterOptions clusterOptions;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            withRegistry(clusterOptions, registry -> {
                registry.subjects().stream().sorted().forEach(subject -> out.printf("%-60s versions %s  %s%n",
                        subject, registry.versions(subject), registry.compatibility(subject)));
                return null;
            });
            return ExitCode.OK.code();
        }
    }

    private static <T> T withRegistry(ClusterOptions options, Function<SchemaRegistryClient, T> work) {
        SchemaRegistryClient registry;
        try {
            registry = new SchemaRegistryClient(new RegistrySettings(options.registryUrl(), options.timeout(), 2, Duration.ofMillis(200)));
        } catch (IllegalArgumentException e) {
            throw OpsFailure.usage("bad registry URL " + options.registryUrl() + ": " + e.getMessage());
        }
        try {
            return work.apply(registry);
        } catch (RegistryUnavailableException e) {
            throw OpsFailure.unreachable("registry " + options.registryUrl() + " did not answer: " + e.getMessage());
        } catch (IncompatibleSchemaException e) {
            throw OpsFailure.refused(e.getMessage());
        }
    }
}
