package com.dousheng.relation.follow;

import com.dousheng.common.api.relation.RelationStats;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * Counts and the viewer's follow state for many users at once: one Redis MGET, and only for users missing from
 * the cache two GROUP BY queries and one conditional Redis store, plus one query for the viewer's follows.
 */
@Service
public class FollowStatsService {
    private final FollowMapper follows;
    private final FollowCountCache cache;

    public FollowStatsService(FollowMapper follows, FollowCountCache cache) {
        this.follows = follows;
        this.cache = cache;
    }

    /** One entry per requested id, in request order; {@code viewerId} null means anonymous. */
    public List<RelationStats> userStats(Long viewerId, List<Long> userIds) {
        List<Long> requested = userIds == null ? List.of() : userIds.stream().filter(Objects::nonNull).toList();
        if (requested.isEmpty()) {
            return List.of();
        }
        Set<Long> distinct = new LinkedHashSet<>(requested);
        Map<Long, FollowCounts> counts = counts(distinct);
        Set<Long> followed = followedBy(viewerId, distinct);
        return requested.stream().map(id -> {
            FollowCounts c = counts.getOrDefault(id, FollowCounts.NONE);
            return new RelationStats(id, c.followCount(), c.followerCount(), followed.contains(id));
        }).toList();
    }

    private Map<Long, FollowCounts> counts(Set<Long> userIds) {
        FollowCountCache.Lookup lookup = cache.lookup(userIds);
        Map<Long, FollowCounts> result = new HashMap<>(lookup.hits());
        Set<Long> missed = lookup.missVersions().keySet();
        if (missed.isEmpty()) {
            return result;
        }
        Map<Long, Long> followCounts = toMap(follows.followCounts(missed));
        Map<Long, Long> followerCounts = toMap(follows.followerCounts(missed));
        Map<Long, FollowCounts> fresh = new HashMap<>();
        for (Long id : missed) {
            fresh.put(id, new FollowCounts(followCounts.getOrDefault(id, 0L), followerCounts.getOrDefault(id, 0L)));
        }
        cache.storeIfUnchanged(fresh, lookup.missVersions());
        result.putAll(fresh);
        return result;
    }

    /** The subset of {@code userIds} the viewer follows; never the viewer themself. */
    private Set<Long> followedBy(Long viewerId, Set<Long> userIds) {
        if (viewerId == null) {
            return Set.of();
        }
        Set<Long> others = new HashSet<>(userIds);
        others.remove(viewerId);
        return others.isEmpty() ? Set.of() : new HashSet<>(follows.followedAmong(viewerId, others));
    }

    private static Map<Long, Long> toMap(List<IdCount> rows) {
        Map<Long, Long> map = new HashMap<>();
        for (IdCount row : rows) {
            map.put(row.userId(), row.total());
        }
        return map;
    }
}
