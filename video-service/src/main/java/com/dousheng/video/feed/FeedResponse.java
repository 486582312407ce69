package com.dousheng.video.feed;

import com.dousheng.common.api.video.VideoDTO;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** Answer of {@code GET /douyin/feed/} (API.md 3.1). */
public record FeedResponse(@JsonProperty("status_code") int statusCode,
                           @JsonProperty("status_msg") String statusMsg,
                           @JsonProperty("video_list") List<VideoDTO> videoList,
                           @JsonProperty("next_time") long nextTime) {

    public static FeedResponse of(List<VideoDTO> videos, long nextTime) {
        return new FeedResponse(0, "success", videos, nextTime);
    }
}
