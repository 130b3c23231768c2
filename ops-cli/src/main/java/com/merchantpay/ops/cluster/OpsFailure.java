package com.merchantpay.ops.cluster;

/**
 * A failure the operator must read: a one-line message and the exit code, never a stack trace.
 */
public final class OpsFailure extends RuntimeException {

    private final ExitCode exitCode;

    public OpsFailure(ExitCode exitCode, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    public static OpsFailure usage(String message) {
        return new OpsFailure(ExitCode.USAGE, message);
    }

    public static OpsFailure refused(String message) {
        return new OpsFailure(ExitCode.REFUSED, message);
    }

    public static OpsFailure unreachable(String message) {
        return new OpsFailure(ExitCode.UNREACHABLE, message);
    }

    public ExitCode exitCode() {
        return exitCode;
    }
}
