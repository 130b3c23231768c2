package com.merchantpay.gateway.problem;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * A failure the gateway answers on purpose, with a stable {@link ProblemCode}. Thrown (or signalled
 * in a Mono) anywhere in request handling; {@link ProblemResponder} writes it. No stack trace is
 * captured: these are answers, not bugs.
 *
 * @param retryAfter  becomes the {@code Retry-After} header (whole seconds, rounded up)
 * @param extensions  extra members of the problem document, e.g. the rejection reason
 */
public final class ApiProblem extends RuntimeException {

    private final ProblemCode code;
    private final Duration retryAfter;
    private final Map<String, Object> extensions;

    private ApiProblem(ProblemCode code, String detail, Duration retryAfter, Map<String, Object> extensions) {
        super(detail, null, false, false);
        this.code = code;
        this.retryAfter = retryAfter;
        this.extensions = Map.copyOf(extensions);
    }

    public static ApiProblem of(ProblemCode code, String detail) {
        return new ApiProblem(code, detail, null, Map.of());
    }

    public static ApiProblem retryAfter(ProblemCode code, String detail, Duration retryAfter) {
        return new ApiProblem(code, detail, retryAfter, Map.of());
    }

    public static ApiProblem withExtensions(ProblemCode code, String detail, Map<String, Object> extensions) {
        return new ApiProblem(code, detail, null, extensions);
    }

    public ProblemCode code() {
        return code;
    }

    public String detail() {
        return getMessage();
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    public Map<String, Object> extensions() {
        return extensions;
    }
}
