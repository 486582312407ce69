package com.dousheng.gateway.auth;

import com.dousheng.common.api.user.UserServiceClient;
import com.dousheng.gateway.GatewayProperties;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * Whether the user a valid token names still exists. Confirmed ids are remembered for a while, so the hot path
 * costs no remote call; only the first request of a user (per TTL) asks user-service.
 */
@Component
public class KnownUsers {
    private static final int MAX_REMEMBERED = 200_000;
    private static final Duration LOOKUP_TIMEOUT = Duration.ofSeconds(3);

    private final WebClient userService;
    private final long ttlMillis;
    private final Map<Long, Long> confirmedUntil = new ConcurrentHashMap<>();

    public KnownUsers(WebClient.Builder loadBalancedWebClientBuilder, GatewayProperties properties) {
        this.userService = loadBalancedWebClientBuilder.baseUrl("http://user-service" + UserServiceClient.PATH).build();
        this.ttlMillis = properties.knownUserTtl().toMillis();
    }

    public Mono<Boolean> exists(long userId) {
        long now = System.currentTimeMillis();
        Long until = confirmedUntil.get(userId);
        if (until != null && until > now) {
            return Mono.just(true);
        }
        return userService.post().uri("/existing").bodyValue(List.of(userId))
                .retrieve()
                .bodyToMono(new ParameterizedTypeReference<List<Long>>() {
                })
                .timeout(LOOKUP_TIMEOUT)
                .map(ids -> {
                    boolean exists = ids.contains(userId);
                    if (exists) {
                        if (confirmedUntil.size() >= MAX_REMEMBERED) {
                            confirmedUntil.clear();
                        }
                        confirmedUntil.put(userId, now + ttlMillis);
                    }
                    return exists;
                });
    }
}
