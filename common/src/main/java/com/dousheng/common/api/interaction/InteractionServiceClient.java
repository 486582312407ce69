package com.dousheng.common.api.interaction;

import com.dousheng.common.cache.Codec;
import com.dousheng.common.cache.Space;
import java.util.List;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

/** Internal API of interaction-service, a leaf: it answers from its own data and calls nobody. */
@FeignClient(name = "interaction-service", contextId = "interactionServiceClient",
        path = InteractionServiceClient.PATH)
public interface InteractionServiceClient {
    String PATH = "/internal/interactions";
    String SERVICE = "interaction-service";
    Space<VideoCounts> VIDEO_COUNTS = Space.mutable(SERVICE, "interaction:video",
            Codec.numbers(c -> new long[] {c.favoriteCount(), c.commentCount()},
                    n -> new VideoCounts(-1, n[0], n[1])));
    Space<UserInteractionStats> USER_COUNTS = Space.mutable(SERVICE, "interaction:user",
            Codec.numbers(c -> new long[] {c.favoriteCount(), c.totalFavorited()},
                    n -> new UserInteractionStats(-1, n[0], n[1])));
    /** Whether the viewer (the scope) likes the video. */
    Space<Boolean> LIKES = Space.perViewer(SERVICE, "interaction:liked", Codec.flag());

    /** Likes and comments of each video (one entry per requested id, zeros for a video nobody touched). */
    @PostMapping("/video-counts")
    List<VideoCounts> videoCounts(@RequestBody List<Long> videoIds);

    /** Likes given and likes received for each user (one entry per requested id). */
    @PostMapping("/user-stats")
    List<UserInteractionStats> userStats(@RequestBody List<Long> userIds);

    /** Those of the query's videos that its viewer likes. */
    @PostMapping("/liked")
    List<Long> likedAmong(@RequestBody LikeQuery query);
}
