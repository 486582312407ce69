package com.dousheng.interaction.favorite;

import com.dousheng.common.api.video.VideoDTO;
import com.dousheng.common.data.LockConflicts;
import com.dousheng.common.view.VideoViews;
import com.dousheng.common.web.BizException;
import com.dousheng.common.web.ErrorCode;
import com.dousheng.interaction.InteractionProperties;
import com.dousheng.interaction.counter.InteractionCounts;
import com.dousheng.interaction.video.VideoLookup;
import java.util.List;
import org.springframework.stereotype.Service;

@Service
public class FavoriteService {
    static final int LIKE = 1;
    static final int UNLIKE = 2;

    private final FavoriteMapper favorites;
    private final VideoViews videos;
    private final VideoLookup videoLookup;
    private final InteractionCounts counts;
    private final int listLimit;

    public FavoriteService(FavoriteMapper favorites, VideoViews videos, VideoLookup videoLookup,
                           InteractionCounts counts, InteractionProperties properties) {
        this.favorites = favorites;
        this.videos = videos;
        this.videoLookup = videoLookup;
        this.counts = counts;
        this.listLimit = properties.listLimit();
    }

    /** Likes or unlikes; repeating either is a no-op that still succeeds, so client retries never drift counts. */
    public void act(long userId, long videoId, int actionType) {
        if (actionType != LIKE && actionType != UNLIKE) {
            throw new BizException(ErrorCode.INVALID_PARAMETER, "action_type must be 1 (like) or 2 (unlike)");
        }
        long authorId = videoLookup.authorOf(videoId);
        if (actionType == LIKE) {
            long now = System.currentTimeMillis();
            LockConflicts.retried(() -> favorites.insertIgnore(userId, videoId, authorId, now));
        } else {
            LockConflicts.retried(() -> favorites.deleteLike(userId, videoId));
        }
        counts.likeChanged(userId, videoId, authorId);
    }

    /**
     * The videos {@code userId} liked, newest like first, up to {@code dousheng.interaction.list-limit}, as
     * {@code viewerId} sees them.
     */
    public List<VideoDTO> likedVideos(long userId, Long viewerId) {
        List<Long> ids = counts.likedVideoIds(userId, listLimit);
        return ids.isEmpty() ? List.of() : videos.likedVideosAsSeenBy(viewerId, userId, ids);
    }
}
