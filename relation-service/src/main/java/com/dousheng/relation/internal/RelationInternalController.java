package com.dousheng.relation.internal;

import com.dousheng.common.api.relation.FollowQuery;
import com.dousheng.common.api.relation.RelationCounts;
import com.dousheng.common.api.relation.RelationServiceClient;
import com.dousheng.relation.follow.FollowStatsService;
import java.util.List;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Provider side of {@link RelationServiceClient}: a leaf over relation-service's own entries and table. */
@RestController
@RequestMapping(RelationServiceClient.PATH)
public class RelationInternalController implements RelationServiceClient {
    private final FollowStatsService stats;

    public RelationInternalController(FollowStatsService stats) {
        this.stats = stats;
    }

    @Override
    public List<RelationCounts> counts(List<Long> userIds) {
        return userIds == null ? List.of() : stats.counts(userIds);
    }

    @Override
    public List<Long> followedAmong(FollowQuery query) {
        return query.userIds() == null ? List.of() : stats.followedAmong(query.viewerId(), query.userIds());
    }
}
