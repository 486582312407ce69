package com.dousheng.common.api.interaction;

/** @param favorite whether the query's viewer liked the video (false for an anonymous viewer) */
public record VideoStats(long videoId, long favoriteCount, long commentCount, boolean favorite) {
    public static VideoStats empty(long videoId) {
        return new VideoStats(videoId, 0, 0, false);
    }
}
