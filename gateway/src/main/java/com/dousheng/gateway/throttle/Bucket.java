package com.dousheng.gateway.throttle;

import com.dousheng.gateway.throttle.ThrottleProperties.Limit;
import java.util.function.Function;

/** The token buckets the gateway keeps, each with its limit and what a refused client is told. */
enum Bucket {
    LOGIN_PER_ACCOUNT("login-account", ThrottleProperties::loginPerAccount, "too many login attempts for this account"),
    LOGIN_PER_ADDRESS("login-address", ThrottleProperties::loginPerAddress, "too many login attempts from this address"),
    REGISTER_PER_ADDRESS("register-address", ThrottleProperties::registerPerAddress,
            "too many registrations from this address"),
    WRITE_PER_USER("write", ThrottleProperties::writePerUser, "too many %s actions");

    /** Part of the Redis key: {@code request_rate_limiter.{<id>.<key>}.tokens} (and {@code .timestamp}). */
    final String id;
    private final Function<ThrottleProperties, Limit> limit;
    private final String reason;

    Bucket(String id, Function<ThrottleProperties, Limit> limit, String reason) {
        this.id = id;
        this.limit = limit;
        this.reason = reason;
    }

    Limit limit(ThrottleProperties properties) {
        return limit.apply(properties);
    }

    /** @param action the write action's name, for {@link #WRITE_PER_USER} */
    String refusal(String action, long seconds) {
        return String.format(reason, action) + "; try again in " + seconds + " s";
    }
}
