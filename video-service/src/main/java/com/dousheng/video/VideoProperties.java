package com.dousheng.video;

import static com.dousheng.common.config.RequiredSettings.require;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Defaults and environment variables in application.yml (the upload size limit is common's
 * {@code dousheng.upload.max-size}, which the gateway reads too).
 *
 * @param maxTitleLength longest title accepted, in characters
 * @param feedPageSize   videos per feed page (the contract says at most 30)
 * @param feedIndexSize  newest videos each instance keeps in memory to page the feed from; older pages are queried
 * @param publishListLimit most videos a publish list shows (the newest)
 * @param orphanedUploadGrace how old an unfinished upload must be before its stored objects count as orphaned
 * @param orphanedUploadSweepInterval how often publish/OrphanedUploadSweeper looks for them
 */
@ConfigurationProperties("dousheng.video")
public record VideoProperties(int maxTitleLength, int feedPageSize, int feedIndexSize, int publishListLimit,
                              Duration orphanedUploadGrace, Duration orphanedUploadSweepInterval, Cover cover) {
    static final int CONTRACT_MAX_FEED_PAGE = 30;

    public VideoProperties {
        if (feedIndexSize < feedPageSize || publishListLimit <= 0) {
            throw new IllegalArgumentException("dousheng.video.feed-index-size must be at least a page and "
                    + "dousheng.video.publish-list-limit positive, were " + feedIndexSize + " and " + publishListLimit);
        }
        require(orphanedUploadGrace, "dousheng.video.orphaned-upload-grace (env DOUSHENG_VIDEO_ORPHANED_UPLOAD_GRACE)");
        require(orphanedUploadSweepInterval, "dousheng.video.orphaned-upload-sweep-interval"
                + " (env DOUSHENG_VIDEO_ORPHANED_UPLOAD_SWEEP_INTERVAL)");
        require(cover, "dousheng.video.cover");
        if (maxTitleLength <= 0) {
            throw new IllegalArgumentException("dousheng.video.max-title-length must be positive, was "
                    + maxTitleLength);
        }
        if (feedPageSize <= 0 || feedPageSize > CONTRACT_MAX_FEED_PAGE) {
            throw new IllegalArgumentException("dousheng.video.feed-page-size must be 1 to "
                    + CONTRACT_MAX_FEED_PAGE + " (the contract's most), was " + feedPageSize);
        }
    }

    /**
     * @param ffmpeg        ffmpeg command (name on PATH or absolute path), tried when the Java decoder fails;
     *                      blank turns it off
     * @param ffmpegTimeout how long one ffmpeg run may take
     */
    public record Cover(String ffmpeg, Duration ffmpegTimeout) {
        public Cover {
            require(ffmpegTimeout, "dousheng.video.cover.ffmpeg-timeout");
        }
    }
}
