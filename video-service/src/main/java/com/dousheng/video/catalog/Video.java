package com.dousheng.video.catalog;

/**
 * A published video as stored (immutable once published).
 *
 * @param playKey     storage key of the MP4
 * @param coverKey    storage key of the JPEG cover, null when the video uses the default cover
 * @param publishedAt epoch milliseconds, unique across all videos
 */
public record Video(long id, long authorId, String title, String playKey, String coverKey, long publishedAt) {
}
