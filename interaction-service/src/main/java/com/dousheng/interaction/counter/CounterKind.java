package com.dousheng.interaction.counter;

/** The counters this service serves; each is a COUNT(*) over a truth table, grouped by one id column. */
public enum CounterKind {
    /** likes on a video: favorite rows by video_id */
    VIDEO_FAVORITES("video-favorites"),
    /** comments on a video: comment rows by video_id */
    VIDEO_COMMENTS("video-comments"),
    /** videos a user liked: favorite rows by user_id */
    USER_LIKED("user-liked"),
    /** likes received on a user's videos: favorite rows by author_id */
    USER_RECEIVED("user-received");

    private final String slug;

    CounterKind(String slug) {
        this.slug = slug;
    }

    public String slug() {
        return slug;
    }

    static CounterKind ofSlug(String slug) {
        for (CounterKind kind : values()) {
            if (kind.slug.equals(slug)) {
                return kind;
            }
        }
        return null;
    }
}
