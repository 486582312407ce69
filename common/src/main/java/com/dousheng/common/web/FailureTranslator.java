package com.dousheng.common.web;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestValueException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.filter.ServerHttpObservationFilter;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** Maps any exception to the {@link Failure} the client sees, logging the ones that are our fault. */
public final class FailureTranslator {
    private static final Logger log = LoggerFactory.getLogger(FailureTranslator.class);

    private FailureTranslator() {
    }

    /**
     * As {@link #translate(Throwable, String, String)} for a request being answered, which is also marked as
     * failed in its observation: public refusals answer HTTP 200, so only the {@code exception} tag of
     * {@code http.server.requests} tells them from successes (the dashboard's refusal panels).
     */
    public static Failure translate(Throwable e, HttpServletRequest request) {
        ServerHttpObservationFilter.findObservationContext(request).ifPresent(context -> context.setError(e));
        return translate(e, request.getMethod(), request.getRequestURI());
    }

    public static Failure translate(Throwable e, String method, String uri) {
        if (e instanceof BizException b) {
            return new Failure(b.errorCode(), b.getMessage());
        }
        if (e instanceof MissingServletRequestParameterException m) {
            return new Failure(ErrorCode.MISSING_PARAMETER, "parameter '" + m.getParameterName() + "' is required");
        }
        if (e instanceof MissingServletRequestPartException m) {
            return new Failure(ErrorCode.MISSING_PARAMETER, "multipart part '" + m.getRequestPartName() + "' is required");
        }
        if (e instanceof MissingRequestValueException) {
            return new Failure(ErrorCode.MISSING_PARAMETER, ErrorCode.MISSING_PARAMETER.defaultMessage());
        }
        if (e instanceof MethodArgumentTypeMismatchException m) {
            return new Failure(ErrorCode.INVALID_PARAMETER,
                    "parameter '" + m.getName() + "' must be " + describe(m.getRequiredType()));
        }
        if (e instanceof HandlerMethodValidationException) {
            return new Failure(ErrorCode.INVALID_PARAMETER, ErrorCode.INVALID_PARAMETER.defaultMessage());
        }
        if (e instanceof HttpRequestMethodNotSupportedException m) {
            return new Failure(ErrorCode.METHOD_NOT_ALLOWED, m.getMethod() + " is not supported here; use "
                    + (m.getSupportedHttpMethods() == null ? "another method" : m.getSupportedHttpMethods()));
        }
        if (e instanceof HttpMediaTypeNotSupportedException m) {
            return new Failure(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                    "content type " + m.getContentType() + " is not supported here");
        }
        if (e instanceof HttpMessageNotReadableException) {
            return new Failure(ErrorCode.BAD_REQUEST, "request body is malformed");
        }
        if (e instanceof MaxUploadSizeExceededException) {
            return new Failure(ErrorCode.PAYLOAD_TOO_LARGE, "the upload is larger than the server accepts");
        }
        if (e instanceof MultipartException) {
            return new Failure(ErrorCode.BAD_REQUEST, "malformed multipart request");
        }
        if (e instanceof NoResourceFoundException) {
            return new Failure(ErrorCode.NOT_FOUND, "no such endpoint: " + uri);
        }
        // Tomcat's own class, named rather than imported so that common needs no servlet container
        if ("org.apache.tomcat.util.http.InvalidParameterException".equals(e.getClass().getName())) {
            return new Failure(ErrorCode.INVALID_PARAMETER, "a parameter is not correctly URL-encoded");
        }
        if (e instanceof DataIntegrityViolationException d) {
            log.warn("constraint violated on {}: {}", uri, d.getMostSpecificCause().getMessage());
            return new Failure(ErrorCode.INVALID_PARAMETER, "the request conflicts with existing data");
        }
        if (e instanceof TransientDataAccessException t) {
            // a lost deadlock or lock wait: the statement was rolled back, so sending the request again is safe
            log.warn("database conflict on {}: {}", uri, t.getMostSpecificCause().getMessage());
            return new Failure(ErrorCode.SERVICE_UNAVAILABLE,
                    "a conflicting change was being made at the same moment; please retry");
        }
        if (RemoteCallFailures.isRemoteFailure(e)) {
            log.warn("downstream call failed on {}: {}", uri, RemoteCallFailures.describe(e));
            return new Failure(ErrorCode.SERVICE_UNAVAILABLE, ErrorCode.SERVICE_UNAVAILABLE.defaultMessage());
        }
        log.error("unexpected failure on {} {}", method, uri, e);
        return new Failure(ErrorCode.INTERNAL_ERROR, ErrorCode.INTERNAL_ERROR.defaultMessage());
    }

    private static String describe(Class<?> type) {
        if (type == Long.class || type == long.class || type == Integer.class || type == int.class) {
            return "a whole number";
        }
        return type == null ? "a valid value" : "a valid " + type.getSimpleName();
    }
}
