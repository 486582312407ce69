package com.dousheng.interaction.favorite;

import com.dousheng.common.api.video.VideoBatchQuery;
import com.dousheng.common.api.video.VideoDTO;
import com.dousheng.common.api.video.VideoServiceClient;
import com.dousheng.common.web.BizException;
import com.dousheng.common.web.ErrorCode;
import com.dousheng.interaction.InteractionProperties;
import com.dousheng.interaction.counter.CounterKey;
import com.dousheng.interaction.counter.CounterStore;
import com.dousheng.interaction.video.VideoLookup;
import java.util.List;
import org.springframework.stereotype.Service;

@Service
public class FavoriteService {
    static final int LIKE = 1;
    static final int UNLIKE = 2;

    private final FavoriteMapper favorites;
    private final VideoServiceClient videos;
    private final VideoLookup videoLookup;
    private final CounterStore counters;
    private final int listLimit;

    public FavoriteService(FavoriteMapper favorites, VideoServiceClient videos, VideoLookup videoLookup,
                           CounterStore counters, InteractionProperties properties) {
        this.favorites = favorites;
        this.videos = videos;
        this.videoLookup = videoLookup;
        this.counters = counters;
        this.listLimit = properties.listLimit();
    }

    /** Likes or unlikes; repeating either is a no-op that still succeeds, so client retries never drift counts. */
    public void act(long userId, long videoId, int actionType) {
        if (actionType != LIKE && actionType != UNLIKE) {
            throw new BizException(ErrorCode.INVALID_PARAMETER, "action_type must be 1 (like) or 2 (unlike)");
        }
        long authorId = videoLookup.authorOf(videoId);
        List<CounterKey> keys = List.of(CounterKey.videoFavorites(videoId), CounterKey.userLiked(userId),
                CounterKey.userReceived(authorId));
        if (actionType == LIKE) {
            long now = System.currentTimeMillis();
            counters.apply(keys, () -> favorites.insertIgnore(userId, videoId, authorId, now));
        } else {
            counters.apply(keys, () -> -favorites.deleteLike(userId, videoId));
        }
    }

    /** The videos {@code userId} liked, newest like first, as {@code viewerId} sees them (one remote call). */
    public List<VideoDTO> likedVideos(long userId, Long viewerId) {
        List<Long> ids = favorites.likedVideoIds(userId, listLimit);
        if (ids.isEmpty()) {
            return List.of();
        }
        List<VideoDTO> found = videos.batchVideos(new VideoBatchQuery(viewerId, ids));
        return found == null ? List.of() : found;
    }
}
