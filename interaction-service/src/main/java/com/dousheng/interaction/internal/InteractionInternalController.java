package com.dousheng.interaction.internal;

import com.dousheng.common.api.interaction.InteractionServiceClient;
import com.dousheng.common.api.interaction.LikeQuery;
import com.dousheng.common.api.interaction.UserInteractionStats;
import com.dousheng.common.api.interaction.VideoCounts;
import com.dousheng.interaction.counter.InteractionCounts;
import java.util.List;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Provider side of {@link InteractionServiceClient}: a leaf over interaction-service's own entries and tables. */
@RestController
@RequestMapping(InteractionServiceClient.PATH)
public class InteractionInternalController implements InteractionServiceClient {
    private final InteractionCounts counts;

    public InteractionInternalController(InteractionCounts counts) {
        this.counts = counts;
    }

    @Override
    public List<VideoCounts> videoCounts(List<Long> videoIds) {
        return videoIds == null ? List.of() : counts.videoCounts(videoIds);
    }

    @Override
    public List<UserInteractionStats> userStats(List<Long> userIds) {
        return userIds == null ? List.of() : counts.userStats(userIds);
    }

    @Override
    public List<Long> likedAmong(LikeQuery query) {
        return query.videoIds() == null ? List.of() : counts.likedAmong(query.viewerId(), query.videoIds());
    }
}
