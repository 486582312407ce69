package com.dousheng.interaction.counter;

/**
 * One counter and the Redis keys that serve it: the cached value, the number of writes in flight and the version
 * the last finished write left (see {@link CounterStore} for why the last two exist).
 */
public record CounterKey(CounterKind kind, long id) {
    static final String COUNT_PREFIX = "interaction:count:";
    private static final String PENDING_PREFIX = "interaction:pending:";
    private static final String VERSION_PREFIX = "interaction:version:";

    public static CounterKey videoFavorites(long videoId) {
        return new CounterKey(CounterKind.VIDEO_FAVORITES, videoId);
    }

    public static CounterKey videoComments(long videoId) {
        return new CounterKey(CounterKind.VIDEO_COMMENTS, videoId);
    }

    public static CounterKey userLiked(long userId) {
        return new CounterKey(CounterKind.USER_LIKED, userId);
    }

    public static CounterKey userReceived(long userId) {
        return new CounterKey(CounterKind.USER_RECEIVED, userId);
    }

    public String countKey() {
        return COUNT_PREFIX + suffix();
    }

    String pendingKey() {
        return PENDING_PREFIX + suffix();
    }

    String versionKey() {
        return VERSION_PREFIX + suffix();
    }

    private String suffix() {
        return kind.slug() + ":" + id;
    }

    /** The counter a cached-value key belongs to, or null for a key this service did not write. */
    static CounterKey ofCountKey(String key) {
        if (key == null || !key.startsWith(COUNT_PREFIX)) {
            return null;
        }
        String rest = key.substring(COUNT_PREFIX.length());
        int colon = rest.lastIndexOf(':');
        if (colon < 0) {
            return null;
        }
        CounterKind kind = CounterKind.ofSlug(rest.substring(0, colon));
        try {
            return kind == null ? null : new CounterKey(kind, Long.parseLong(rest.substring(colon + 1)));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
