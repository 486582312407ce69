package com.dousheng.common.api.interaction;

import java.util.List;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

/** Internal API of interaction-service. */
@FeignClient(name = "interaction-service", contextId = "interactionServiceClient",
        path = InteractionServiceClient.PATH)
public interface InteractionServiceClient {
    String PATH = "/internal/interactions";

    /** Counts and the viewer's like for each video (one entry per requested id, zeros for unknown ids). */
    @PostMapping("/video-stats")
    List<VideoStats> videoStats(@RequestBody VideoStatsQuery query);

    /** Likes given and likes received for each user (one entry per requested id). */
    @PostMapping("/user-stats")
    List<UserInteractionStats> userStats(@RequestBody List<Long> userIds);
}
