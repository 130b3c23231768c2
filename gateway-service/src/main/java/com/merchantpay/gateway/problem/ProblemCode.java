package com.merchantpay.gateway.problem;

import org.springframework.http.HttpStatus;

/**
 * Every answer the gateway gives when it cannot do what was asked. The name is the stable
 * {@code code} field of the problem document: the Mini Program branches on it, so a name never
 * changes meaning once released.
 */
public enum ProblemCode {
    // The request itself
    MALFORMED_JSON(HttpStatus.BAD_REQUEST, "The body is not valid JSON for this operation"),
    UNKNOWN_FIELD(HttpStatus.BAD_REQUEST, "The body has a field this operation does not accept"),
    INVALID_REQUEST(HttpStatus.BAD_REQUEST, "A field or parameter has an invalid value"),
    UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Send application/json"),
    NOT_ACCEPTABLE(HttpStatus.NOT_ACCEPTABLE, "This resource answers with JSON only"),
    BODY_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, "The body is larger than this gateway accepts"),
    ROUTE_NOT_FOUND(HttpStatus.NOT_FOUND, "No such resource"),
    METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "This resource does not support the method"),
    RATE_LIMITED(HttpStatus.TOO_MANY_REQUESTS, "Too many requests; retry after the given delay"),

    // Login
    LOGIN_CODE_MALFORMED(HttpStatus.BAD_REQUEST, "The login code does not look like a wx.login code"),
    LOGIN_CODE_REJECTED(HttpStatus.UNAUTHORIZED, "Log in again with a new code from wx.login"),
    USER_BLOCKED(HttpStatus.FORBIDDEN, "WeChat blocked this user as high-risk"),
    WECHAT_RATE_LIMITED(HttpStatus.TOO_MANY_REQUESTS, "WeChat limits logins for this user; retry later"),
    WECHAT_BUSY(HttpStatus.SERVICE_UNAVAILABLE, "WeChat is busy; retry shortly"),
    WECHAT_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "WeChat could not be reached; retry shortly"),
    WECHAT_BAD_GATEWAY(HttpStatus.BAD_GATEWAY, "WeChat's login service answered in a way we cannot use"),

    // The login token
    TOKEN_MISSING(HttpStatus.UNAUTHORIZED, "Send the login token as 'Authorization: Bearer <token>'"),
    TOKEN_INVALID(HttpStatus.UNAUTHORIZED, "The login token is not valid; log in again"),
    TOKEN_EXPIRED(HttpStatus.UNAUTHORIZED, "The login token has expired; log in again"),

    // Checkout and status
    IDEMPOTENCY_KEY_MISSING(HttpStatus.BAD_REQUEST, "Send an Idempotency-Key header with every checkout"),
    IDEMPOTENCY_KEY_MALFORMED(HttpStatus.BAD_REQUEST, "The Idempotency-Key must be 8-64 characters of [A-Za-z0-9_-]"),
    IDEMPOTENCY_KEY_REUSED(HttpStatus.CONFLICT, "This Idempotency-Key was used for a different basket"),
    ORDER_REJECTED(HttpStatus.UNPROCESSABLE_CONTENT, "The order cannot be paid"),
    ORDER_NOT_FOUND(HttpStatus.NOT_FOUND, "No such order for this user"),

    // Ours
    EVENTS_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "The gateway cannot record the request right now; retry shortly"),
    INTERNAL_ERROR(HttpStatus.INTERNAL_SERVER_ERROR, "Something went wrong on our side");

    private final HttpStatus status;
    private final String title;

    ProblemCode(HttpStatus status, String title) {
        this.status = status;
        this.title = title;
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }
}
