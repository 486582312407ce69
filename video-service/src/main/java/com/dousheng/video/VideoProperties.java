package com.dousheng.video;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * @param maxUploadSize  largest video accepted by {@code /douyin/publish/action/}
 * @param maxTitleLength longest title accepted, in characters
 * @param feedPageSize   videos per feed page (the contract says at most 30)
 * @param rowCacheTtl    how long video rows stay in Redis (rows never change, the TTL only bounds memory)
 * @param orphanedUploadGrace how old an unfinished upload must be before its stored objects count as orphaned
 */
@ConfigurationProperties("dousheng.video")
public record VideoProperties(DataSize maxUploadSize, int maxTitleLength, int feedPageSize, Duration rowCacheTtl,
                              Duration orphanedUploadGrace, Cover cover) {
    public VideoProperties {
        if (maxUploadSize == null) {
            maxUploadSize = DataSize.ofMegabytes(100);
        }
        if (maxTitleLength <= 0) {
            maxTitleLength = 100;
        }
        if (feedPageSize <= 0 || feedPageSize > 30) {
            feedPageSize = 30;
        }
        if (rowCacheTtl == null) {
            rowCacheTtl = Duration.ofHours(6);
        }
        if (orphanedUploadGrace == null) {
            orphanedUploadGrace = Duration.ofHours(1);
        }
        if (cover == null) {
            cover = new Cover(null, null);
        }
    }

    /**
     * @param ffmpeg        ffmpeg command (name on PATH or absolute path), tried when the Java decoder fails;
     *                      blank turns it off
     * @param ffmpegTimeout how long one ffmpeg run may take
     */
    public record Cover(String ffmpeg, Duration ffmpegTimeout) {
        public Cover {
            if (ffmpegTimeout == null) {
                ffmpegTimeout = Duration.ofSeconds(20);
            }
        }
    }
}
