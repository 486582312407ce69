package com.dousheng.gateway.error;

import com.dousheng.common.web.ErrorCode;
import java.io.IOException;
import java.util.concurrent.TimeoutException;
import com.dousheng.gateway.observability.TraceLogging;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.cloud.gateway.support.NotFoundException;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Failures at the gateway itself (no route, no instance, a service down or slow) answer in the envelope too. */
@Component
@Order(-2)
public class GatewayErrorHandler implements ErrorWebExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(GatewayErrorHandler.class);

    private final EnvelopeWriter envelope;
    private final TraceLogging traceLogging;

    public GatewayErrorHandler(EnvelopeWriter envelope, TraceLogging traceLogging) {
        this.envelope = envelope;
        this.traceLogging = traceLogging;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
        String path = exchange.getRequest().getPath().value();
        if (ex instanceof NotFoundException) {
            traceLogging.log(exchange.getAttributes(),
                    () -> log.warn("no instance for {}: {}", path, ex.getMessage()));
            return envelope.write(exchange, ErrorCode.SERVICE_UNAVAILABLE,
                    "the service for this endpoint is not available, please retry", HttpStatus.SERVICE_UNAVAILABLE);
        }
        if (ex instanceof ResponseStatusException rse) {
            HttpStatusCode status = rse.getStatusCode();
            if (status.value() == 404) {
                return envelope.write(exchange, ErrorCode.NOT_FOUND, "no such endpoint: " + path, HttpStatus.NOT_FOUND);
            }
            if (status.value() == 405) {
                return envelope.write(exchange, ErrorCode.METHOD_NOT_ALLOWED,
                        exchange.getRequest().getMethod() + " is not supported here", HttpStatus.METHOD_NOT_ALLOWED);
            }
            if (status.value() == 413) {
                return envelope.write(exchange, ErrorCode.PAYLOAD_TOO_LARGE, rse.getReason() == null
                        ? "request is too large" : rse.getReason(), HttpStatus.PAYLOAD_TOO_LARGE);
            }
            if (status.is4xxClientError()) {
                return envelope.write(exchange, ErrorCode.BAD_REQUEST, rse.getReason() == null
                        ? ErrorCode.BAD_REQUEST.defaultMessage() : rse.getReason(), HttpStatus.valueOf(status.value()));
            }
        }
        if ((ex instanceof ResponseStatusException answered && answered.getStatusCode().value() == 504)
                || Causes.include(ex, TimeoutException.class)) {
            traceLogging.log(exchange.getAttributes(), () -> log.warn("timeout on {}", path));
            return envelope.write(exchange, ErrorCode.GATEWAY_TIMEOUT, ErrorCode.GATEWAY_TIMEOUT.defaultMessage(),
                    HttpStatus.GATEWAY_TIMEOUT);
        }
        // refused, reset or closed before the answer (IOException covers reactor-netty's PrematureCloseException)
        if (Causes.include(ex, IOException.class)) {
            traceLogging.log(exchange.getAttributes(),
                    () -> log.warn("service unreachable for {}: {}", path, ex.toString()));
            return envelope.write(exchange, ErrorCode.SERVICE_UNAVAILABLE,
                    ErrorCode.SERVICE_UNAVAILABLE.defaultMessage(), HttpStatus.SERVICE_UNAVAILABLE);
        }
        traceLogging.log(exchange.getAttributes(), () -> log.error("gateway failure on {}", path, ex));
        return envelope.write(exchange, ErrorCode.INTERNAL_ERROR, ErrorCode.INTERNAL_ERROR.defaultMessage(),
                HttpStatus.INTERNAL_SERVER_ERROR);
    }
}
