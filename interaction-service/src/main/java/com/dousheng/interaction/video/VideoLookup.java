package com.dousheng.interaction.video;

import com.dousheng.common.api.video.VideoAuthor;
import com.dousheng.common.api.video.VideoServiceClient;
import com.dousheng.common.web.BizException;
import com.dousheng.common.web.ErrorCode;
import java.util.List;
import org.springframework.stereotype.Component;

/** Whether a video exists, and whose it is, asked of video-service before a like or a comment is stored. */
@Component
public class VideoLookup {
    private final VideoServiceClient videos;

    public VideoLookup(VideoServiceClient videos) {
        this.videos = videos;
    }

    /** The video's author; refuses with VIDEO_NOT_FOUND when there is no such video. */
    public long authorOf(long videoId) {
        return videos.videoAuthors(List.of(videoId)).stream()
                .filter(a -> a.videoId() == videoId)
                .findFirst()
                .map(VideoAuthor::authorId)
                .orElseThrow(() -> new BizException(ErrorCode.VIDEO_NOT_FOUND, "video " + videoId + " does not exist"));
    }
}
