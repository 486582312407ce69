package com.dousheng.common.web;

/**
 * The one table of failure codes. The client only distinguishes zero from non-zero, so codes are grouped by
 * cause (1xxx request, 2xxx authentication, 3xxx-7xxx per service, 9xxx server side) to help operators and logs.
 */
public enum ErrorCode {
    SUCCESS(0, "ok"),

    BAD_REQUEST(1001, "invalid request"),
    MISSING_PARAMETER(1002, "a required parameter is missing"),
    INVALID_PARAMETER(1003, "a parameter has an invalid value"),
    METHOD_NOT_ALLOWED(1004, "HTTP method not supported for this endpoint"),
    NOT_FOUND(1005, "no such endpoint"),
    PAYLOAD_TOO_LARGE(1006, "request is too large"),
    UNSUPPORTED_MEDIA_TYPE(1007, "unsupported content type"),
    TOO_MANY_REQUESTS(1008, "too many requests, please try again later"),

    LOGIN_REQUIRED(2001, "please log in first"),
    TOKEN_INVALID(2002, "token is invalid, please log in again"),
    TOKEN_EXPIRED(2003, "token has expired, please log in again"),
    FORBIDDEN(2004, "you are not allowed to do this"),

    USERNAME_TAKEN(3001, "username is already taken"),
    BAD_CREDENTIALS(3002, "wrong username or password"),
    USER_NOT_FOUND(3003, "user does not exist"),

    VIDEO_NOT_FOUND(4001, "video does not exist"),
    VIDEO_REJECTED(4002, "video upload rejected"),

    COMMENT_NOT_FOUND(5001, "comment does not exist"),

    CANNOT_FOLLOW_SELF(6001, "you cannot follow yourself"),

    CANNOT_MESSAGE_SELF(7001, "you cannot send a message to yourself"),

    SERVICE_UNAVAILABLE(9001, "service temporarily unavailable, please retry"),
    GATEWAY_TIMEOUT(9002, "service did not answer in time, please retry"),
    INTERNAL_ERROR(9999, "internal server error");

    private final int code;
    private final String defaultMessage;

    ErrorCode(int code, String defaultMessage) {
        this.code = code;
        this.defaultMessage = defaultMessage;
    }

    public int code() {
        return code;
    }

    public String defaultMessage() {
        return defaultMessage;
    }
}
