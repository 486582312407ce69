package com.dousheng.gateway.throttle;

import com.dousheng.common.config.LiveProperties;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.cloud.gateway.support.ConfigurationService;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Takes a request's tokens from a bucket with Spring Cloud Gateway's {@link RedisRateLimiter} (one Lua call, the
 * bucket's state in Redis, so every gateway instance shares it). The limiter keeps its settings in a plain map,
 * so a changed limit builds a new limiter rather than editing the one requests are using. If Redis fails the
 * limiter lets the request through (and logs it): throttling must not take logins down with it.
 */
@Component
class RateLimits {
    /** Seconds to wait, for a refused request. */
    record Refusal(Bucket bucket, long seconds) {
    }

    private final ReactiveStringRedisTemplate redis;
    private final RedisScript<List<Long>> script;
    private final ConfigurationService configurationService;
    private final LiveProperties<ThrottleProperties> properties;
    private volatile Limiter limiter;

    private record Limiter(ThrottleProperties properties, RedisRateLimiter redis) {
    }

    RateLimits(ReactiveStringRedisTemplate redis,
               @Qualifier(RedisRateLimiter.REDIS_SCRIPT_NAME) RedisScript<List<Long>> redisRequestRateLimiterScript,
               ConfigurationService configurationService, LiveProperties<ThrottleProperties> properties) {
        this.redis = redis;
        this.script = redisRequestRateLimiterScript;
        this.configurationService = configurationService;
        this.properties = properties;
        this.limiter = build(properties.get());
        properties.onChange(changed -> limiter = build(changed));
    }

    ThrottleProperties properties() {
        return properties.get();
    }

    /** Takes one request's tokens from {@code bucket}'s bucket for {@code key}: empty when the request may pass. */
    Mono<Optional<Refusal>> take(Bucket bucket, String key) {
        Limiter current = limiter;
        return current.redis().isAllowed(bucket.id, key).map(response -> {
            if (response.isAllowed()) {
                return Optional.empty();
            }
            String left = response.getHeaders().get(RedisRateLimiter.REMAINING_HEADER);
            long tokensLeft = left == null ? 0 : Long.parseLong(left);
            return Optional.of(new Refusal(bucket, bucket.limit(current.properties()).secondsUntilAllowed(tokensLeft)));
        });
    }

    private Limiter build(ThrottleProperties settings) {
        RedisRateLimiter limiter = new RedisRateLimiter(redis, script, configurationService);
        for (Bucket bucket : Bucket.values()) {
            ThrottleProperties.Limit limit = bucket.limit(settings);
            limiter.getConfig().put(bucket.id, new RedisRateLimiter.Config()
                    .setReplenishRate(limit.replenishRate())
                    .setBurstCapacity(limit.burstCapacity())
                    .setRequestedTokens(limit.requestedTokens()));
        }
        return new Limiter(settings, limiter);
    }
}
