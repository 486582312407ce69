package com.dousheng.video.feed;

/** The feed's {@code latest_time} rule (API.md 1.4): the client sends milliseconds, the camp doc says seconds. */
final class FeedTime {
    /** 1e11 ms is March 1973, while 1e11 s is the year 5138: anything below it can only be seconds. */
    static final long SECONDS_BELOW = 100_000_000_000L;

    private FeedTime() {
    }

    /** The exclusive upper bound in epoch ms: absent, zero or negative mean now. */
    static long upperBoundMillis(Long latestTime, long nowMillis) {
        if (latestTime == null || latestTime <= 0) {
            return nowMillis;
        }
        if (latestTime < SECONDS_BELOW) {
            return latestTime * 1000;
        }
        return latestTime;
    }
}
