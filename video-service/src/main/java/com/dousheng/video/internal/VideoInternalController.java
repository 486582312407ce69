package com.dousheng.video.internal;

import com.dousheng.common.api.video.UserWorkCount;
import com.dousheng.common.api.video.VideoRow;
import com.dousheng.common.api.video.VideoServiceClient;
import com.dousheng.video.catalog.VideoCatalog;
import java.util.List;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Provider side of {@link VideoServiceClient}: a leaf over video-service's own entries and tables. */
@RestController
@RequestMapping(VideoServiceClient.PATH)
public class VideoInternalController implements VideoServiceClient {
    private final VideoCatalog catalog;

    public VideoInternalController(VideoCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public List<VideoRow> videos(List<Long> videoIds) {
        return videoIds == null ? List.of() : catalog.rows(videoIds);
    }

    @Override
    public List<UserWorkCount> workCounts(List<Long> userIds) {
        return userIds == null ? List.of() : catalog.workCounts(userIds);
    }
}
