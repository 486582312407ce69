package com.dousheng.interaction.counter;

import com.dousheng.common.api.interaction.InteractionServiceClient;
import com.dousheng.common.api.interaction.UserInteractionStats;
import com.dousheng.common.api.interaction.VideoCounts;
import com.dousheng.common.cache.Codec;
import com.dousheng.common.cache.ReadModel;
import com.dousheng.common.cache.Space;
import com.dousheng.interaction.favorite.FavoriteMapper;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * interaction-service's entries of the read model: counts are {@code COUNT(*)}s of the truth tables, flags are
 * rows of {@code favorite}, as are each user's liked videos; one Redis round trip, and for what Redis lacks one
 * grouped query per table column.
 */
@Component
public class InteractionCounts {
    /** A user's liked videos, newest like first, up to the favorite list's limit; private to interaction-service. */
    static final Space<List<Long>> LIKED_VIDEOS = Space.mutable(InteractionServiceClient.SERVICE,
            "interaction:liked-videos", Codec.ids());

    private final ReadModel readModel;
    private final TruthCountMapper truth;
    private final FavoriteMapper favorites;

    public InteractionCounts(ReadModel readModel, TruthCountMapper truth, FavoriteMapper favorites) {
        this.readModel = readModel;
        this.truth = truth;
        this.favorites = favorites;
    }

    /** One entry per distinct requested id, in request order; a video nobody touched has zeros. */
    public List<VideoCounts> videoCounts(List<Long> videoIds) {
        Map<Long, VideoCounts> counts = readModel.readThrough(InteractionServiceClient.VIDEO_COUNTS, null, videoIds,
                (scope, ids) -> {
                    Map<Long, Long> likes = totals(truth.favoritesByVideo(ids));
                    Map<Long, Long> comments = totals(truth.commentsByVideo(ids));
                    Map<Long, VideoCounts> loaded = new HashMap<>();
                    for (Long id : ids) {
                        loaded.put(id, new VideoCounts(id, likes.getOrDefault(id, 0L), comments.getOrDefault(id, 0L)));
                    }
                    return loaded;
                });
        return videoIds.stream().distinct().filter(counts::containsKey).map(id -> {
            VideoCounts c = counts.get(id);
            return new VideoCounts(id, c.favoriteCount(), c.commentCount());
        }).toList();
    }

    /** One entry per distinct requested id, in request order. */
    public List<UserInteractionStats> userStats(List<Long> userIds) {
        Map<Long, UserInteractionStats> stats = readModel.readThrough(InteractionServiceClient.USER_COUNTS, null,
                userIds, (scope, ids) -> {
                    Map<Long, Long> given = totals(truth.favoritesByUser(ids));
                    Map<Long, Long> received = totals(truth.favoritesByAuthor(ids));
                    Map<Long, UserInteractionStats> loaded = new HashMap<>();
                    for (Long id : ids) {
                        loaded.put(id, new UserInteractionStats(id, given.getOrDefault(id, 0L),
                                received.getOrDefault(id, 0L)));
                    }
                    return loaded;
                });
        return userIds.stream().distinct().filter(stats::containsKey).map(id -> {
            UserInteractionStats s = stats.get(id);
            return new UserInteractionStats(id, s.favoriteCount(), s.totalFavorited());
        }).toList();
    }

    /** Those of {@code videoIds} that {@code viewerId} likes. */
    public List<Long> likedAmong(long viewerId, List<Long> videoIds) {
        Map<Long, Boolean> liked = readModel.readThrough(InteractionServiceClient.LIKES, viewerId, videoIds,
                (viewer, ids) -> ReadModel.flags(ids, favorites.likedAmong(viewer, ids)));
        return videoIds.stream().distinct().filter(id -> Boolean.TRUE.equals(liked.get(id))).toList();
    }

    /** The videos {@code userId} liked, newest like first, at most {@code limit}. */
    public List<Long> likedVideoIds(long userId, int limit) {
        return readModel.readList(LIKED_VIDEOS, userId, () -> favorites.likedVideoIds(userId, limit));
    }

    /** After a like or unlike has committed (changed or not: a retried action repairs a lost invalidation). */
    public void likeChanged(long userId, long videoId, long authorId) {
        readModel.invalidation()
                .add(InteractionServiceClient.VIDEO_COUNTS, videoId)
                .add(InteractionServiceClient.USER_COUNTS, userId)
                .add(InteractionServiceClient.USER_COUNTS, authorId)
                .add(InteractionServiceClient.LIKES, userId, videoId)
                .add(LIKED_VIDEOS, userId)
                .run();
    }

    /** After a comment was posted or deleted. */
    public void commentsChanged(long videoId) {
        readModel.invalidation().add(InteractionServiceClient.VIDEO_COUNTS, videoId).run();
    }

    private static Map<Long, Long> totals(List<IdCount> rows) {
        Map<Long, Long> map = new HashMap<>();
        for (IdCount row : rows) {
            map.put(row.id(), row.total());
        }
        return map;
    }
}
