package com.merchantpay.ops.cluster;

/** Exit codes a script can rely on; the README lists them. */
public enum ExitCode {
    OK(0),
    /** Bad arguments: unknown option, unreadable time, an empty or reversed time range. */
    USAGE(1),
    /** The command would be unsafe or cannot apply: same source and target, unknown topic, too many records without --yes. */
    REFUSED(2),
    /** The broker or the registry did not answer within the timeout. */
    UNREACHABLE(3),
    /** Anything else that went wrong; the message says what. */
    FAILED(4);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
