package com.dousheng.video.publish;

import com.dousheng.common.api.video.VideoDTO;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** Answer of {@code GET /douyin/publish/list/} (API.md 3.6). */
public record VideoListResponse(@JsonProperty("status_code") int statusCode,
                                @JsonProperty("status_msg") String statusMsg,
                                @JsonProperty("video_list") List<VideoDTO> videoList) {

    public static VideoListResponse of(List<VideoDTO> videos) {
        return new VideoListResponse(0, "success", videos);
    }
}
