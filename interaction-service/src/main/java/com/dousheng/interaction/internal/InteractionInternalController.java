package com.dousheng.interaction.internal;

import com.dousheng.common.api.interaction.InteractionServiceClient;
import com.dousheng.common.api.interaction.UserInteractionStats;
import com.dousheng.common.api.interaction.VideoStats;
import com.dousheng.common.api.interaction.VideoStatsQuery;
import java.util.List;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Provider side of {@link InteractionServiceClient}: mappings and bodies come from the shared interface. */
@RestController
@RequestMapping(InteractionServiceClient.PATH)
public class InteractionInternalController implements InteractionServiceClient {
    private final InteractionStatsService stats;

    public InteractionInternalController(InteractionStatsService stats) {
        this.stats = stats;
    }

    @Override
    public List<VideoStats> videoStats(VideoStatsQuery query) {
        return stats.videoStats(query.viewerId(), query.videoIds());
    }

    @Override
    public List<UserInteractionStats> userStats(List<Long> userIds) {
        return stats.userStats(userIds);
    }
}
