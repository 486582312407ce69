package com.dousheng.gateway.throttle;

import com.dousheng.common.auth.AuthHeaders;
import com.dousheng.common.web.BaseResponse;
import com.dousheng.common.web.ErrorCode;
import com.dousheng.gateway.GatewayProperties;
import com.dousheng.gateway.auth.AccessPolicy;
import com.dousheng.gateway.auth.FormBody;
import com.dousheng.gateway.error.EnvelopeWriter;
import com.dousheng.gateway.routing.PathNormalizationFilter;
import com.dousheng.gateway.throttle.RateLimits.Refusal;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.RequestPath;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Throttles logins, registrations and writes (AccessPolicy says which endpoint pays which limit) with token buckets
 * in Redis, and refuses in the envelope: HTTP 200, {@link ErrorCode#TOO_MANY_REQUESTS}, a message saying when to
 * try again (also in {@code Retry-After}). Reads pass without a Redis round trip. It runs after authentication,
 * so writes are counted per verified user.
 */
@Component
public class ThrottleFilter implements WebFilter, Ordered {
    private static final Pattern ACCENTS = Pattern.compile("\\p{M}+");
    private static final int MAX_ACCOUNT_KEY = 64;

    private final RateLimits limits;
    private final EnvelopeWriter envelope;
    private final int maxFormBody;

    public ThrottleFilter(RateLimits limits, EnvelopeWriter envelope, GatewayProperties gateway) {
        this.limits = limits;
        this.envelope = envelope;
        this.maxFormBody = (int) gateway.maxFormBody().toBytes();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = endpointPath(exchange.getRequest().getPath());
        Throttle throttle = AccessPolicy.throttleOf(path);
        ThrottleProperties settings = throttle == Throttle.NONE ? null : limits.properties();
        if (settings == null || !settings.enabled()) {
            return chain.filter(exchange);
        }
        return switch (throttle) {
            case LOGIN -> login(exchange, chain, settings);
            case REGISTER -> decide(exchange, chain, throttle, null,
                    limits.take(Bucket.REGISTER_PER_ADDRESS, ClientAddress.of(exchange, settings.trustedProxies())));
            case WRITE -> write(exchange, chain, settings, path);
            case NONE -> chain.filter(exchange);
        };
    }

    /** Per address first, so that one address guessing at many accounts does not drain their buckets too. */
    private Mono<Void> login(ServerWebExchange exchange, WebFilterChain chain, ThrottleProperties settings) {
        ServerHttpRequest request = exchange.getRequest();
        String queried = request.getQueryParams().getFirst("username");
        if (queried != null || !FormBody.isForm(request)) {
            return login(exchange, chain, settings, queried);
        }
        // user-service also reads username from a urlencoded body: count that one, or it would escape the limit
        return FormBody.read(request, maxFormBody)
                .flatMap(body -> login(exchange.mutate().request(FormBody.replay(request, exchange, body)).build(),
                        chain, settings, FormBody.value(body, "username")))
                .onErrorResume(DataBufferLimitException.class, e -> {
                    String message = "form body over " + maxFormBody + " bytes";
                    return envelope.write(exchange, ErrorCode.PAYLOAD_TOO_LARGE, message,
                            new LoginRefusal(ErrorCode.PAYLOAD_TOO_LARGE.code(), message), HttpStatus.OK);
                });
    }

    private Mono<Void> login(ServerWebExchange exchange, WebFilterChain chain, ThrottleProperties settings,
                             String username) {
        String account = account(username);
        Mono<Optional<Refusal>> check = limits.take(Bucket.LOGIN_PER_ADDRESS,
                        ClientAddress.of(exchange, settings.trustedProxies()))
                .flatMap(refused -> refused.isPresent() || account == null ? Mono.just(refused)
                        : limits.take(Bucket.LOGIN_PER_ACCOUNT, account));
        return decide(exchange, chain, Throttle.LOGIN, null, check);
    }

    /** One bucket per action and user; an upload whose token is a multipart part has no verified user here. */
    private Mono<Void> write(ServerWebExchange exchange, WebFilterChain chain, ThrottleProperties settings,
                             String path) {
        String action = path.substring("/douyin/".length(), path.indexOf('/', "/douyin/".length()));
        String userId = exchange.getRequest().getHeaders().getFirst(AuthHeaders.USER_ID);
        String who = userId != null ? "user:" + userId
                : "address:" + ClientAddress.of(exchange, settings.trustedProxies());
        return decide(exchange, chain, Throttle.WRITE, action, limits.take(Bucket.WRITE_PER_USER, action + ":" + who));
    }

    private Mono<Void> decide(ServerWebExchange exchange, WebFilterChain chain, Throttle throttle, String action,
                              Mono<Optional<Refusal>> check) {
        return check.flatMap(refused -> refused.isEmpty() ? chain.filter(exchange)
                : refuse(exchange, throttle, action, refused.get()));
    }

    private Mono<Void> refuse(ServerWebExchange exchange, Throttle throttle, String action, Refusal refusal) {
        String message = refusal.bucket().refusal(action, refusal.seconds());
        ErrorCode code = ErrorCode.TOO_MANY_REQUESTS;
        exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(refusal.seconds()));
        Object answer = throttle == Throttle.WRITE ? BaseResponse.of(code, message)
                : new LoginRefusal(code.code(), message);
        return envelope.write(exchange, code, message, answer, HttpStatus.TOO_MANY_REQUESTS);
    }

    /**
     * The path as the service will match it: decoded and without {@code ;params}, so that
     * {@code /douyin/user/%6Cogin/} or {@code /douyin/user/login;x/} cannot slip past the limits. Plain paths,
     * nearly all of them, are taken as they are.
     */
    static String endpointPath(RequestPath path) {
        String raw = path.value();
        if (raw.indexOf('%') < 0 && raw.indexOf(';') < 0) {
            return raw;
        }
        StringBuilder decoded = new StringBuilder(raw.length());
        for (PathContainer.Element element : path.pathWithinApplication().elements()) {
            decoded.append(element instanceof PathContainer.PathSegment segment ? segment.valueToMatch()
                    : element.value());
        }
        return decoded.toString();
    }

    /**
     * The account a username names, folded as the accounts table compares them (case- and accent-insensitive
     * collation, trailing spaces ignored), so that "Alice" and "ALICE " share alice's bucket. Null when absent:
     * user-service refuses that without looking anything up.
     */
    static String account(String username) {
        if (username == null || username.isBlank()) {
            return null;
        }
        String folded = ACCENTS.matcher(Normalizer.normalize(username.strip(), Normalizer.Form.NFKD)).replaceAll("")
                .toLowerCase(Locale.ROOT);
        return folded.length() > MAX_ACCOUNT_KEY ? folded.substring(0, MAX_ACCOUNT_KEY) : folded;
    }

    @Override
    public int getOrder() {
        return PathNormalizationFilter.ORDER + 20;
    }
}
