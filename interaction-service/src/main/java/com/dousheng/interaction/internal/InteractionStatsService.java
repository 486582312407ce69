package com.dousheng.interaction.internal;

import com.dousheng.common.api.interaction.UserInteractionStats;
import com.dousheng.common.api.interaction.VideoStats;
import com.dousheng.interaction.counter.CounterKey;
import com.dousheng.interaction.counter.CounterStore;
import com.dousheng.interaction.favorite.FavoriteMapper;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongFunction;
import org.springframework.stereotype.Service;

/**
 * Counters for many videos or users at once: one Redis MGET, on misses one grouped query per counter kind and one
 * script, plus one IN query for the viewer's likes, whatever the number of ids.
 */
@Service
public class InteractionStatsService {
    private final CounterStore counters;
    private final FavoriteMapper favorites;

    public InteractionStatsService(CounterStore counters, FavoriteMapper favorites) {
        this.counters = counters;
        this.favorites = favorites;
    }

    /** One entry per requested id, in request order; unknown videos have zero counts. */
    public List<VideoStats> videoStats(Long viewerId, List<Long> videoIds) {
        List<Long> ids = distinct(videoIds);
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<CounterKey, Long> counts = readBoth(ids, CounterKey::videoFavorites, CounterKey::videoComments);
        Set<Long> liked = viewerId == null ? Set.of() : new HashSet<>(favorites.likedAmong(viewerId, ids));
        List<VideoStats> stats = new ArrayList<>(videoIds.size());
        for (Long id : videoIds) {
            if (id != null) {
                stats.add(new VideoStats(id, counts.get(CounterKey.videoFavorites(id)),
                        counts.get(CounterKey.videoComments(id)), liked.contains(id)));
            }
        }
        return stats;
    }

    /** One entry per requested id, in request order; unknown users have zero counts. */
    public List<UserInteractionStats> userStats(List<Long> userIds) {
        List<Long> ids = distinct(userIds);
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<CounterKey, Long> counts = readBoth(ids, CounterKey::userLiked, CounterKey::userReceived);
        List<UserInteractionStats> stats = new ArrayList<>(userIds.size());
        for (Long id : userIds) {
            if (id != null) {
                stats.add(new UserInteractionStats(id, counts.get(CounterKey.userLiked(id)),
                        counts.get(CounterKey.userReceived(id))));
            }
        }
        return stats;
    }

    /** Two counters of every id, in one read of the counter store. */
    private Map<CounterKey, Long> readBoth(List<Long> ids, LongFunction<CounterKey> first,
                                           LongFunction<CounterKey> second) {
        List<CounterKey> keys = new ArrayList<>(2 * ids.size());
        for (Long id : ids) {
            keys.add(first.apply(id));
            keys.add(second.apply(id));
        }
        return counters.read(keys);
    }

    private static List<Long> distinct(List<Long> ids) {
        if (ids == null) {
            return List.of();
        }
        return new ArrayList<>(new LinkedHashSet<>(ids.stream().filter(Objects::nonNull).toList()));
    }
}
