package com.dousheng.gateway.auth;

import com.dousheng.common.auth.AuthHeaders;
import com.dousheng.common.auth.JwtService;
import com.dousheng.common.web.BizException;
import com.dousheng.common.web.ErrorCode;
import com.dousheng.gateway.GatewayProperties;
import com.dousheng.gateway.error.EnvelopeWriter;
import com.dousheng.gateway.observability.AccessLog;
import com.dousheng.gateway.observability.TraceLogging;
import com.dousheng.gateway.routing.PathNormalizationFilter;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The gateway decides who the caller is: it drops identity headers a client sent, verifies the token (query
 * string, or a urlencoded body), confirms its user exists, and passes the user id on in
 * {@link AuthHeaders#USER_ID}. It also tells services the base URL the client used, for the URLs they build.
 */
@Component
public class AuthenticationFilter implements WebFilter, Ordered {
    private static final Logger log = LoggerFactory.getLogger(AuthenticationFilter.class);

    private final JwtService jwtService;
    private final KnownUsers knownUsers;
    private final EnvelopeWriter envelope;
    private final TraceLogging traceLogging;
    private final int maxFormBody;

    public AuthenticationFilter(JwtService jwtService, KnownUsers knownUsers, EnvelopeWriter envelope,
                                TraceLogging traceLogging, GatewayProperties properties) {
        this.jwtService = jwtService;
        this.knownUsers = knownUsers;
        this.envelope = envelope;
        this.traceLogging = traceLogging;
        this.maxFormBody = (int) properties.maxFormBody().toBytes();
    }

    private record Outcome(Long userId, ErrorCode failure, String message) {
        static final Outcome ANONYMOUS = new Outcome(null, null, null);

        static Outcome refused(ErrorCode code, String message) {
            return new Outcome(null, code, message);
        }
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest original = exchange.getRequest();
        AccessPolicy policy = AccessPolicy.of(original.getPath().value());
        String queryToken = original.getQueryParams().getFirst("token");
        if (policy == AccessPolicy.PUBLIC || (policy == AccessPolicy.VERIFIED_BY_SERVICE && queryToken == null)) {
            return chain.filter(exchange.mutate().request(forwarded(original, null)).build());
        }
        if (queryToken != null || !FormBody.isForm(original)) {
            return authenticateAndForward(exchange, chain, original, queryToken, policy);
        }
        return FormBody.read(original, maxFormBody)
                .flatMap(body -> authenticateAndForward(exchange, chain, FormBody.replay(original, exchange, body),
                        FormBody.value(body, "token"), policy))
                .onErrorResume(DataBufferLimitException.class, e -> envelope.write(exchange,
                        ErrorCode.PAYLOAD_TOO_LARGE, "form body over " + maxFormBody + " bytes", HttpStatus.OK));
    }

    private Mono<Void> authenticateAndForward(ServerWebExchange exchange, WebFilterChain chain,
                                              ServerHttpRequest request, String token, AccessPolicy policy) {
        boolean required = policy != AccessPolicy.OPTIONAL;
        return authenticate(exchange, token, required).flatMap(outcome -> {
            if (outcome.failure() != null) {
                return envelope.write(exchange, outcome.failure(), outcome.message(), HttpStatus.UNAUTHORIZED);
            }
            if (outcome.userId() != null) {
                exchange.getAttributes().put(AccessLog.USER_ID_ATTRIBUTE, outcome.userId());
            }
            return chain.filter(exchange.mutate().request(forwarded(request, outcome.userId())).build());
        });
    }

    /**
     * The request as services get it, in one copy of its headers: never an identity header the client sent, the
     * verified user's id when there is one, and the base URL the client used.
     */
    private static ServerHttpRequest forwarded(ServerHttpRequest request, Long userId) {
        return request.mutate().headers(headers -> {
            headers.remove(AuthHeaders.USER_ID);
            if (userId != null) {
                headers.set(AuthHeaders.USER_ID, userId.toString());
            }
            headers.set(AuthHeaders.FORWARDED_BASE_URL, baseUrl(request.getURI()));
        }).build();
    }

    private Mono<Outcome> authenticate(ServerWebExchange exchange, String token, boolean required) {
        if (token == null || token.isBlank()) {
            return Mono.just(required ? Outcome.refused(ErrorCode.LOGIN_REQUIRED,
                    ErrorCode.LOGIN_REQUIRED.defaultMessage()) : Outcome.ANONYMOUS);
        }
        long userId;
        try {
            userId = jwtService.verify(token);
        } catch (BizException e) {
            return Mono.just(required ? Outcome.refused(e.errorCode(), e.getMessage()) : Outcome.ANONYMOUS);
        }
        return knownUsers.exists(userId)
                .map(exists -> exists ? new Outcome(userId, null, null)
                        : required ? Outcome.refused(ErrorCode.TOKEN_INVALID, "the account of this token does not exist")
                        : Outcome.ANONYMOUS)
                .onErrorResume(e -> {
                    traceLogging.log(exchange.getAttributes(),
                            () -> log.warn("cannot confirm user {} exists: {}", userId, e.toString()));
                    return Mono.just(required ? Outcome.refused(ErrorCode.SERVICE_UNAVAILABLE,
                            ErrorCode.SERVICE_UNAVAILABLE.defaultMessage()) : Outcome.ANONYMOUS);
                });
    }

    static String baseUrl(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }

    @Override
    public int getOrder() {
        return PathNormalizationFilter.ORDER + 10;
    }
}
