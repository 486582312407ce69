package com.dousheng.common.api.video;

import com.dousheng.common.cache.Codec;
import com.dousheng.common.cache.Space;
import java.util.List;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

/** Internal API of video-service, a leaf: it answers from video-service's own data and calls nobody. */
@FeignClient(name = "video-service", contextId = "videoServiceClient", path = VideoServiceClient.PATH)
public interface VideoServiceClient {
    String PATH = "/internal/videos";
    String SERVICE = "video-service";
    Space<VideoRow> VIDEOS = Space.immutable(SERVICE, "video:row", Codec.json(VideoRow.class));
    Space<Long> WORK_COUNTS = Space.mutable(SERVICE, "video:works", Codec.number());

    /** Those of {@code videoIds} that exist, in request order (that is how callers learn a video is missing). */
    @PostMapping("/rows")
    List<VideoRow> videos(@RequestBody List<Long> videoIds);

    /** Published video count for each of {@code userIds} (0 included). */
    @PostMapping("/work-counts")
    List<UserWorkCount> workCounts(@RequestBody List<Long> userIds);
}
