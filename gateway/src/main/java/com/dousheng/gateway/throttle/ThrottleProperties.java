package com.dousheng.gateway.throttle;

import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Throttling limits ({@code dousheng.gateway.throttle.*}), read through {@code LiveProperties} so that a changed
 * limit applies to the next request without a restart (ThrottleConfiguration).
 *
 * @param enabled          false lets every request through without asking Redis
 * @param trustedProxies   how many proxies of our own stand in front of the gateway and append the address they
 *                         saw to {@code X-Forwarded-For}; 0 takes the TCP peer, since a client can write any
 *                         {@code X-Forwarded-For} it likes and would rotate it to escape the per-address limits
 * @param loginPerAccount  login attempts for one username, from anywhere
 * @param loginPerAddress  login attempts from one client address, whatever the username
 * @param registerPerAddress registrations from one client address
 * @param writePerUser     each write action (favorite, comment, relation, message, publish) of one user
 */
public record ThrottleProperties(@DefaultValue("true") boolean enabled,
                                 @DefaultValue("0") int trustedProxies,
                                 Limit loginPerAccount,
                                 Limit loginPerAddress,
                                 Limit registerPerAddress,
                                 Limit writePerUser) {
    public ThrottleProperties {
        if (trustedProxies < 0) {
            throw new IllegalArgumentException("dousheng.gateway.throttle.trusted-proxies must be 0 or more");
        }
        loginPerAccount = loginPerAccount == null ? new Limit(10, Duration.ofMinutes(1), 10) : loginPerAccount;
        loginPerAddress = loginPerAddress == null ? new Limit(30, Duration.ofMinutes(1), 30) : loginPerAddress;
        registerPerAddress = registerPerAddress == null ? new Limit(10, Duration.ofMinutes(1), 10) : registerPerAddress;
        writePerUser = writePerUser == null ? new Limit(5, Duration.ofSeconds(1), 20) : writePerUser;
    }

    /**
     * A token bucket: {@code permits} requests per {@code period} on average, and up to {@code burst} at once.
     * The period is counted in whole seconds (Redis' clock as the limiter reads it).
     */
    public record Limit(int permits, Duration period, int burst) {
        public Limit {
            period = period == null ? Duration.ofSeconds(1) : period;
            burst = burst <= 0 ? permits : burst;
            if (permits <= 0 || period.toSeconds() < 1 || period.toNanos() % 1_000_000_000L != 0) {
                throw new IllegalArgumentException("a throttle limit needs permits >= 1 and a period of whole"
                        + " seconds, got " + permits + " per " + period);
            }
        }

        /*
         * RedisRateLimiter counts in integer tokens per second. Each request costs period-in-seconds tokens and
         * permits tokens come back each second, so "10 per minute" is 10 tokens/s at 60 a request: any rate, and
         * the burst is burst requests' worth of tokens.
         */
        int replenishRate() {
            return permits;
        }

        int requestedTokens() {
            return Math.toIntExact(period.toSeconds());
        }

        long burstCapacity() {
            return (long) burst * requestedTokens();
        }

        /** Whole seconds until a request fits, for a bucket the limiter reported holding {@code tokensLeft}. */
        long secondsUntilAllowed(long tokensLeft) {
            long missing = Math.max(1, requestedTokens() - Math.max(0, tokensLeft));
            return Math.max(1, (missing + replenishRate() - 1) / replenishRate());
        }
    }
}
