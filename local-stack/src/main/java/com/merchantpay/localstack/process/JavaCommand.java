package com.merchantpay.localstack.process;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A command line for a child JVM. Children run on the launcher's own JDK (the build and the registry
 * need Java 21+, and the machine's default {@code java} may be older). Every child carries a marker
 * property naming the stack member, so leftovers of a crashed launcher can be recognised safely.
 */
public record JavaCommand(String member, List<String> jvmOptions, List<String> launchArguments) {

    public static final String MEMBER_PROPERTY = "merchantpay.stack.member";

    public JavaCommand {
        jvmOptions = List.copyOf(jvmOptions);
        launchArguments = List.copyOf(launchArguments);
    }

    public static Path executable() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /** The text that appears in the command line of this member's process and of no other. */
    public static String marker(String member) {
        return "-D" + MEMBER_PROPERTY + "=" + member;
    }

    public List<String> toCommandLine() {
        List<String> line = new ArrayList<>();
        line.add(executable().toString());
        line.add(marker(member));
        line.addAll(jvmOptions);
        line.addAll(launchArguments);
        return line;
    }
}
