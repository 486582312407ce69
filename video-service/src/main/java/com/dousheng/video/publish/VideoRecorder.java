package com.dousheng.video.publish;

import com.dousheng.video.catalog.Video;
import com.dousheng.video.catalog.VideoEntity;
import com.dousheng.video.catalog.VideoMapper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Inserts a video row with its publish time. The time is max(now, previous + 1) taken under the clock row's lock
 * and kept until commit, so times are unique (the feed pages by "strictly before", which would otherwise skip or
 * repeat videos sharing a millisecond) and commit in increasing order (a reader who has seen time t never later
 * finds a new video older than t).
 */
@Component
public class VideoRecorder {
    private final PublishClockMapper clock;
    private final VideoMapper videos;

    public VideoRecorder(PublishClockMapper clock, VideoMapper videos) {
        this.clock = clock;
        this.videos = videos;
    }

    @Transactional
    public Video record(long authorId, String title, String playKey, String coverKey, long nowMillis) {
        if (clock.advance(nowMillis) != 1) {
            throw new IllegalStateException("table video_publish_clock has no row 1; the V1 migration inserts it");
        }
        VideoEntity entity = new VideoEntity();
        entity.setAuthorId(authorId);
        entity.setTitle(title);
        entity.setPlayKey(playKey);
        entity.setCoverKey(coverKey);
        entity.setPublishedAt(clock.current());
        videos.insert(entity);
        return entity.toVideo();
    }
}
