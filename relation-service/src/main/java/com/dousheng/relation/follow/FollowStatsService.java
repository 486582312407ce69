package com.dousheng.relation.follow;

import com.dousheng.common.api.relation.RelationCounts;
import com.dousheng.common.api.relation.RelationServiceClient;
import com.dousheng.common.cache.Codec;
import com.dousheng.common.cache.ReadModel;
import com.dousheng.common.cache.Space;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * relation-service's entries of the read model over the {@code follow} table: counts, "does v follow u" flags and
 * the members of each user's lists; one Redis round trip, and for what Redis lacks one query per column or list.
 */
@Service
public class FollowStatsService {
    /** The members of each user's three lists, newest first, up to the lists' limit; private to relation-service. */
    static final Space<List<Long>> FOLLOWEES = Space.mutable(RelationServiceClient.SERVICE, "relation:followees",
            Codec.ids());
    static final Space<List<Long>> FOLLOWERS = Space.mutable(RelationServiceClient.SERVICE, "relation:followers",
            Codec.ids());
    static final Space<List<Long>> FRIENDS = Space.mutable(RelationServiceClient.SERVICE, "relation:friends",
            Codec.ids());

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

    /** Users {@code userId} follows, newest first, at most {@code limit}. */
    public List<Long> followeeIds(long userId, int limit) {
        return readModel.readList(FOLLOWEES, userId, () -> follows.followeeIds(userId, limit));
    }

    /** Users following {@code userId}, newest first, at most {@code limit}. */
    public List<Long> followerIds(long userId, int limit) {
        return readModel.readList(FOLLOWERS, userId, () -> follows.followerIds(userId, limit));
    }

    /** Users {@code userId} follows who follow them back, at most {@code limit}. */
    public List<Long> friendIds(long userId, int limit) {
        return readModel.readList(FRIENDS, userId, () -> follows.friendIds(userId, limit));
    }

    /** After a follow or unfollow has committed (changed or not: a retried action repairs a lost invalidation). */
    public void followChanged(long followerId, long followeeId) {
        readModel.invalidation()
                .add(RelationServiceClient.COUNTS, followerId)
                .add(RelationServiceClient.COUNTS, followeeId)
                .add(RelationServiceClient.FOLLOWS, followerId, followeeId)
                .add(FOLLOWEES, followerId)
                .add(FOLLOWERS, followeeId)
                .add(FRIENDS, followerId)
                .add(FRIENDS, followeeId)
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
