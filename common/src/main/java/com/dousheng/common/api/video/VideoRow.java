package com.dousheng.common.api.video;

/**
 * A published video as video-service stores it; it never changes. {@code playUrl} and {@code coverUrl} are paths
 * or URLs as the storage gives them; the composing service makes them absolute for its caller.
 */
public record VideoRow(long id, long authorId, String playUrl, String coverUrl, String title, long publishedAt) {
}
