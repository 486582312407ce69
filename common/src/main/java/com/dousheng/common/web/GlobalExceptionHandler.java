package com.dousheng.common.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Turns every failure into the contract's envelope. Public endpoints keep HTTP 200 (the client reads only
 * {@code status_code}); internal endpoints keep a real HTTP status so that Feign callers see the failure.
 */
@RestControllerAdvice
public class GlobalExceptionHandler {

    @ExceptionHandler(Exception.class)
    public ResponseEntity<BaseResponse> handle(Exception e, HttpServletRequest request) {
        Failure failure = FailureTranslator.translate(e, request);
        return respond(request.getRequestURI(), failure);
    }

    static ResponseEntity<BaseResponse> respond(String uri, Failure failure) {
        HttpStatus status = isInternal(uri) ? httpStatusOf(failure.code()) : HttpStatus.OK;
        return ResponseEntity.status(status).body(BaseResponse.of(failure.code(), failure.message()));
    }

    static boolean isInternal(String uri) {
        return uri != null && uri.startsWith("/internal/");
    }

    static HttpStatus httpStatusOf(ErrorCode code) {
        return switch (code) {
            case NOT_FOUND, USER_NOT_FOUND, VIDEO_NOT_FOUND, COMMENT_NOT_FOUND -> HttpStatus.NOT_FOUND;
            case METHOD_NOT_ALLOWED -> HttpStatus.METHOD_NOT_ALLOWED;
            case LOGIN_REQUIRED, TOKEN_INVALID, TOKEN_EXPIRED -> HttpStatus.UNAUTHORIZED;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case PAYLOAD_TOO_LARGE -> HttpStatus.PAYLOAD_TOO_LARGE;
            case SERVICE_UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
            case GATEWAY_TIMEOUT -> HttpStatus.GATEWAY_TIMEOUT;
            case INTERNAL_ERROR -> HttpStatus.INTERNAL_SERVER_ERROR;
            default -> HttpStatus.BAD_REQUEST;
        };
    }
}
