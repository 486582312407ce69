package com.dousheng.interaction.favorite;

import com.dousheng.common.api.video.VideoDTO;
import com.dousheng.common.view.VideoViews;
import com.dousheng.common.web.BizException;
import com.dousheng.common.web.ErrorCode;
import com.dousheng.interaction.InteractionProperties;
import com.dousheng.interaction.counter.InteractionCounts;
import com.dousheng.interaction.video.VideoLookup;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.stereotype.Service;

@Service
public class FavoriteService {
    static final int LIKE = 1;
    static final int UNLIKE = 2;
    private static final Logger log = LoggerFactory.getLogger(FavoriteService.class);
    private static final int MAX_ATTEMPTS = 5;

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
            withDeadlockRetry(() -> favorites.insertIgnore(userId, videoId, authorId, now));
        } else {
            withDeadlockRetry(() -> favorites.deleteLike(userId, videoId));
        }
        counts.likeChanged(userId, videoId, authorId);
    }

    /**
     * The videos {@code userId} liked, newest like first, up to {@code dousheng.interaction.list-limit}, as
     * {@code viewerId} sees them.
     */
    public List<VideoDTO> likedVideos(long userId, Long viewerId) {
        List<Long> ids = counts.likedVideoIds(userId, listLimit);
        return ids.isEmpty() ? List.of() : videos.videosAsSeenBy(viewerId, ids);
    }

    /**
     * Concurrent likes and unlikes of one row can deadlock; the loser was rolled back, so a retry cannot count twice.
     * Each retry waits a random few milliseconds more than the last: retried at once, the same writers met again
     * (64 connections liking and unliking one video lost 6 requests in 5 immediate attempts each). A request that
     * still loses answers 9001, "please retry" (common's FailureTranslator).
     */
    private static void withDeadlockRetry(IntSupplier change) {
        for (int attempt = 1; ; attempt++) {
            try {
                change.getAsInt();
                return;
            } catch (PessimisticLockingFailureException e) {
                if (attempt >= MAX_ATTEMPTS) {
                    throw e;
                }
                log.debug("lock conflict on attempt {}, retrying: {}", attempt, e.getMessage());
                backOff(attempt);
            }
        }
    }

    private static void backOff(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 1 + 4L * attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying a like", e);
        }
    }
}
