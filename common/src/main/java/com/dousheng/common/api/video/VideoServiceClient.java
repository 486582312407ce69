package com.dousheng.common.api.video;

import java.util.List;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

/** Internal API of video-service. */
@FeignClient(name = "video-service", contextId = "videoServiceClient", path = VideoServiceClient.PATH)
public interface VideoServiceClient {
    String PATH = "/internal/videos";

    /** Full Video objects in the order of {@code videoIds}; unknown ids are left out. */
    @PostMapping("/batch")
    List<VideoDTO> batchVideos(@RequestBody VideoBatchQuery query);

    /** Author of each existing video; unknown ids are left out (that is how callers learn a video is missing). */
    @PostMapping("/authors")
    List<VideoAuthor> videoAuthors(@RequestBody List<Long> videoIds);

    /** Published video count for each of {@code userIds} (0 included). */
    @PostMapping("/work-counts")
    List<UserWorkCount> workCounts(@RequestBody List<Long> userIds);
}
