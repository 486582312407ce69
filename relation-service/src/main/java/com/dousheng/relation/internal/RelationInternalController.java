package com.dousheng.relation.internal;

import com.dousheng.common.api.relation.RelationServiceClient;
import com.dousheng.common.api.relation.RelationStats;
import com.dousheng.common.api.relation.RelationStatsQuery;
import com.dousheng.relation.follow.FollowStatsService;
import java.util.List;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Provider side of {@link RelationServiceClient}; mappings come from the shared interface. */
@RestController
@RequestMapping(RelationServiceClient.PATH)
public class RelationInternalController implements RelationServiceClient {
    private final FollowStatsService stats;

    public RelationInternalController(FollowStatsService stats) {
        this.stats = stats;
    }

    @Override
    public List<RelationStats> userStats(RelationStatsQuery query) {
        return stats.userStats(query.viewerId(), query.userIds());
    }
}
