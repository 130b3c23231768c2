package com.merchantpay.gateway.problem;

import java.util.List;
import java.util.Map;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.MissingRequestValueException;
import org.springframework.web.server.NotAcceptableStatusException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Turns whatever went wrong while handling a request into the one {@link ApiProblem} the client
 * sees. Framework exceptions are named here once, so that every bad-input class gets a stable
 * code instead of Spring's default error page.
 */
final class ProblemClassifier {

    private ProblemClassifier() {
    }

    static ApiProblem classify(Throwable failure) {
        return switch (failure) {
            case ApiProblem problem -> problem;
            case WebExchangeBindException invalid -> invalidFields(invalid);
            case HandlerMethodValidationException invalid -> ApiProblem.of(ProblemCode.INVALID_REQUEST,
                    invalid.getAllErrors().stream().map(e -> e.getDefaultMessage()).toList().toString());
            case UnsupportedMediaTypeStatusException unsupported -> ApiProblem.of(ProblemCode.UNSUPPORTED_MEDIA_TYPE,
                    "Content-Type " + unsupported.getContentType() + " is not accepted; send application/json");
            case NotAcceptableStatusException ignored -> ApiProblem.of(ProblemCode.NOT_ACCEPTABLE,
                    "Accept application/json or application/problem+json");
            case MethodNotAllowedException notAllowed -> ApiProblem.withExtensions(ProblemCode.METHOD_NOT_ALLOWED,
                    notAllowed.getHttpMethod() + " is not supported here",
                    Map.of("allowed", notAllowed.getSupportedMethods().stream().map(Object::toString).sorted().toList()));
            case MissingRequestValueException missing -> ApiProblem.of(ProblemCode.INVALID_REQUEST,
                    "Missing " + missing.getLabel() + " '" + missing.getName() + "'");
            case ServerWebInputException input -> inputProblem(input);
            case ResponseStatusException status when status.getStatusCode().value() == 404 ->
                    ApiProblem.of(ProblemCode.ROUTE_NOT_FOUND, "Nothing is served at this path");
            case ResponseStatusException status when status.getStatusCode().value() == 413 ->
                    ApiProblem.of(ProblemCode.BODY_TOO_LARGE, "Request body too large");
            case ResponseStatusException status when status.getStatusCode().is4xxClientError() ->
                    ApiProblem.of(ProblemCode.INVALID_REQUEST, status.getReason());
            default -> tooLarge(failure) ? bodyTooLarge() : null;
        };
    }

    private static ApiProblem inputProblem(ServerWebInputException input) {
        if (tooLarge(input)) {
            return bodyTooLarge();
        }
        UnrecognizedPropertyException unknown = causeOf(input, UnrecognizedPropertyException.class);
        if (unknown != null) {
            return ApiProblem.withExtensions(ProblemCode.UNKNOWN_FIELD,
                    "Field '" + unknown.getPropertyName() + "' is not accepted (prices and amounts never come from the client)",
                    Map.of("field", String.valueOf(unknown.getPropertyName())));
        }
        if (causeOf(input, DecodingException.class) != null) {
            return ApiProblem.of(ProblemCode.MALFORMED_JSON, "The body could not be read as JSON of the expected shape");
        }
        if (input.getReason() != null && input.getReason().contains("body")) {
            return ApiProblem.of(ProblemCode.MALFORMED_JSON, "A JSON body is required");
        }
        return ApiProblem.of(ProblemCode.INVALID_REQUEST, input.getReason());
    }

    private static ApiProblem invalidFields(WebExchangeBindException invalid) {
        List<Map<String, String>> errors = invalid.getFieldErrors().stream()
                .map(error -> Map.of("field", error.getField(), "message", String.valueOf(error.getDefaultMessage())))
                .toList();
        return ApiProblem.withExtensions(ProblemCode.INVALID_REQUEST, "Some fields have invalid values",
                Map.of("errors", errors));
    }

    private static ApiProblem bodyTooLarge() {
        return ApiProblem.of(ProblemCode.BODY_TOO_LARGE, "The request body is over the gateway's limit");
    }

    private static boolean tooLarge(Throwable failure) {
        return causeOf(failure, DataBufferLimitException.class) != null;
    }

    private static <T extends Throwable> T causeOf(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
