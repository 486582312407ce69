package com.dousheng.gateway.upload;

import com.dousheng.common.upload.UploadProperties;
import com.dousheng.common.web.ErrorCode;
import com.dousheng.gateway.error.EnvelopeWriter;
import com.dousheng.gateway.routing.PathNormalizationFilter;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Refuses an upload over {@code dousheng.upload.max-size} at the gateway, so that video-service never has to cut
 * one off mid-body: a service that closes a connection before the body is sent looks to the proxy like an
 * instance that died (9001, and the instance skipped). A declared Content-Length over the limit is answered 1006
 * without forwarding anything; a chunked body is counted as it streams and cut at the limit
 * ({@link UploadTooLargeException}).
 * Only the publish route pays for the check.
 */
@Component
@EnableConfigurationProperties(UploadProperties.class)
public class UploadSizeLimitFilter implements WebFilter, Ordered {
    static final String PUBLISH_PATH = "/douyin/publish/action/";
    /** Largest refused body that is read to its end (and thrown away) before the answer. */
    static final long MAX_DISCARDED = 1L << 30;

    private final UploadProperties uploads;
    private final EnvelopeWriter envelope;

    public UploadSizeLimitFilter(UploadProperties uploads, EnvelopeWriter envelope) {
        this.uploads = uploads;
        this.envelope = envelope;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        if (!PUBLISH_PATH.equals(request.getPath().value())) {
            return chain.filter(exchange);
        }
        long declared = request.getHeaders().getContentLength();
        if (declared > uploads.maxBytes()) {
            Mono<Void> refusal = envelope.write(exchange, ErrorCode.PAYLOAD_TOO_LARGE, uploads.tooLargeMessage(),
                    HttpStatus.PAYLOAD_TOO_LARGE);
            if (declared > MAX_DISCARDED || "100-continue".equalsIgnoreCase(request.getHeaders().getFirst("Expect"))) {
                // nothing sent yet, or too much to wait for: answer now and close instead of reading on
                exchange.getResponse().getHeaders().set(HttpHeaders.CONNECTION, "close");
                return refusal;
            }
            // clients such as OkHttp read the answer only once the whole body is sent: a connection closed
            // under them reads as a network error, not as this refusal
            return request.getBody().doOnNext(DataBufferUtils::release).then(refusal);
        }
        if (declared >= 0) {
            // the server reads no more than a declared length
            return chain.filter(exchange);
        }
        return chain.filter(exchange.mutate().request(counted(request)).build());
    }

    private ServerHttpRequest counted(ServerHttpRequest request) {
        long limit = uploads.maxBytes();
        return new ServerHttpRequestDecorator(request) {
            @Override
            public Flux<DataBuffer> getBody() {
                AtomicLong seen = new AtomicLong();
                return super.getBody().handle((buffer, sink) -> {
                    if (seen.addAndGet(buffer.readableByteCount()) > limit) {
                        DataBufferUtils.release(buffer);
                        sink.error(new UploadTooLargeException(uploads.tooLargeMessage()));
                    } else {
                        sink.next(buffer);
                    }
                });
            }
        };
    }

    @Override
    public int getOrder() {
        // after the path got its trailing slash, before the token check (which passes uploads through anyway)
        return PathNormalizationFilter.ORDER + 5;
    }
}
