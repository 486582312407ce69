package com.dousheng.relation.follow;

import com.dousheng.common.api.relation.RelationCounts;
import com.dousheng.common.api.relation.RelationServiceClient;
import com.dousheng.common.cache.ReadModel;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * relation-service's entries of the read model over the {@code follow} table: counts and "does v follow u" flags,
 * one Redis round trip, and for what Redis lacks one grouped query per column.
 */
@Service
public class FollowStatsService {
    private final FollowMapper follows;
    private final ReadModel readModel;

    public FollowStatsService(FollowMapper follows, ReadModel readModel) {
        this.follows = follows;
        this.readModel = readModel;
    }

    /** One entry per distinct requested id, in request order. */
    public List<RelationCounts> counts(List<Long> userIds) {
        Map<Long, RelationCounts> counts = readModel.readThrough(RelationServiceClient.COUNTS, null, userIds,
                (scope, ids) -> {
                    Map<Long, Long> following = totals(follows.followCounts(ids));
                    Map<Long, Long> followers = totals(follows.followerCounts(ids));
                    Map<Long, RelationCounts> loaded = new HashMap<>();
                    for (Long id : ids) {
                        loaded.put(id, new RelationCounts(id, following.getOrDefault(id, 0L),
                                followers.getOrDefault(id, 0L)));
                    }
                    return loaded;
                });
        return userIds.stream().distinct().filter(counts::containsKey).map(id -> {
            RelationCounts c = counts.get(id);
            return new RelationCounts(id, c.followCount(), c.followerCount());
        }).toList();
    }

    /** Those of {@code userIds} that {@code viewerId} follows; never the viewer themself. */
    public List<Long> followedAmong(long viewerId, List<Long> userIds) {
        List<Long> others = userIds.stream().filter(id -> id != null && id != viewerId).distinct().toList();
        Map<Long, Boolean> followed = readModel.readThrough(RelationServiceClient.FOLLOWS, viewerId, others,
                (viewer, ids) -> ReadModel.flags(ids, follows.followedAmong(viewer, ids)));
        return others.stream().filter(id -> Boolean.TRUE.equals(followed.get(id))).toList();
    }

    /** After a follow or unfollow has committed (changed or not: a retried action repairs a lost invalidation). */
    public void followChanged(long followerId, long followeeId) {
        readModel.invalidation()
                .add(RelationServiceClient.COUNTS, followerId)
                .add(RelationServiceClient.COUNTS, followeeId)
                .add(RelationServiceClient.FOLLOWS, followerId, followeeId)
                .run();
    }

    private static Map<Long, Long> totals(List<IdCount> rows) {
        Map<Long, Long> map = new HashMap<>();
        for (IdCount row : rows) {
            map.put(row.userId(), row.total());
        }
        return map;
    }
}
