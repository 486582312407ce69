package com.dousheng.gateway.error;

import com.dousheng.common.web.BaseResponse;
import com.dousheng.common.web.BizException;
import com.dousheng.common.web.ErrorCode;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** Writes the contract's envelope for answers the gateway gives itself. */
@Component
public class EnvelopeWriter {
    private final JsonMapper json;

    public EnvelopeWriter(JsonMapper json) {
        this.json = json;
    }

    /** API paths answer HTTP 200 (the client reads only status_code); media paths keep a real status for players. */
    public Mono<Void> write(ServerWebExchange exchange, ErrorCode code, String message, HttpStatus mediaStatus) {
        return write(exchange, code, message, BaseResponse.of(code, message), mediaStatus);
    }

    /** As above, with an answer that keeps more fields than the envelope, as login and register failures do. */
    public Mono<Void> write(ServerWebExchange exchange, ErrorCode code, String message, Object answer,
                            HttpStatus mediaStatus) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.empty();
        }
        // answered with HTTP 200, so only the exception tag of http.server.requests tells this refusal from a success
        ServerRequestObservationContext.findCurrent(exchange.getAttributes())
                .ifPresent(context -> context.setError(new BizException(code, message)));
        boolean api = exchange.getRequest().getPath().value().startsWith("/douyin/");
        response.setStatusCode(api ? HttpStatus.OK : mediaStatus);
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(json.writeValueAsBytes(answer))));
    }

    /** The envelope's JSON, also for answers written below Spring (MalformedRequestHandler). */
    public byte[] body(ErrorCode code, String message) {
        return json.writeValueAsBytes(BaseResponse.of(code, message));
    }
}
