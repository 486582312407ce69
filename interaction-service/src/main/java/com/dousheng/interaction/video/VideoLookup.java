package com.dousheng.interaction.video;

import com.dousheng.common.api.video.VideoRow;
import com.dousheng.common.view.VideoViews;
import com.dousheng.common.web.BizException;
import com.dousheng.common.web.ErrorCode;
import java.util.List;
import org.springframework.stereotype.Component;

/** Whether a video exists, and whose it is, before a like or a comment is stored (rows are mostly in memory). */
@Component
public class VideoLookup {
    private final VideoViews videos;

    public VideoLookup(VideoViews videos) {
        this.videos = videos;
    }

    /** The video's author; refuses with VIDEO_NOT_FOUND when there is no such video. */
    public long authorOf(long videoId) {
        return videos.rows(List.of(videoId)).stream()
                .findFirst()
                .map(VideoRow::authorId)
                .orElseThrow(() -> new BizException(ErrorCode.VIDEO_NOT_FOUND, "video " + videoId + " does not exist"));
    }
}
