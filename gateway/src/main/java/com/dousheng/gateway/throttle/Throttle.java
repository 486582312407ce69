package com.dousheng.gateway.throttle;

/** Which limits an endpoint's requests pay (ThrottleFilter); AccessPolicy's endpoint table says which applies. */
public enum Throttle {
    /** Reads: no limit, and no Redis round trip. */
    NONE,
    /** Per client address, then per account (the {@code username} asked for), against password guessing. */
    LOGIN,
    /** Per client address, against mass account creation. */
    REGISTER,
    /** Per user, one bucket per action, so that a burst of likes does not block a chat message. */
    WRITE
}
