package com.dousheng.common.view;

import com.dousheng.common.api.interaction.InteractionServiceClient;
import com.dousheng.common.api.interaction.LikeQuery;
import com.dousheng.common.api.interaction.VideoCounts;
import com.dousheng.common.api.user.UserDTO;
import com.dousheng.common.api.video.VideoDTO;
import com.dousheng.common.api.video.VideoRow;
import com.dousheng.common.api.video.VideoServiceClient;
import com.dousheng.common.cache.ReadModel;
import com.dousheng.common.web.PublicUrls;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Composes the contract's Video objects: rows from video-service's (immutable, so mostly in memory), counts and the
 * viewer's likes from interaction-service's entries, authors through {@link UserViews}: one read-model round trip
 * for a whole page, and a leaf call only for what Redis lacks.
 */
public class VideoViews {
    private final ReadModel readModel;
    private final UserViews userViews;
    private final VideoServiceClient videos;
    private final InteractionServiceClient interactions;
    private final PublicUrls publicUrls;

    public VideoViews(ReadModel readModel, UserViews userViews, VideoServiceClient videos,
                      InteractionServiceClient interactions, PublicUrls publicUrls) {
        this.readModel = readModel;
        this.userViews = userViews;
        this.videos = videos;
        this.interactions = interactions;
        this.publicUrls = publicUrls;
    }

    /** Rows of those of {@code videoIds} that exist, in request order. */
    public List<VideoRow> rows(List<Long> videoIds) {
        Map<Long, VideoRow> found = readModel.readThroughRemote(VideoServiceClient.VIDEOS, videoIds,
                (scope, ids) -> Leaves.byId(videos.videos(ids), VideoRow::id, Function.identity()));
        List<VideoRow> rows = new ArrayList<>(videoIds.size());
        for (Long id : videoIds) {
            VideoRow row = found.get(id);
            if (row != null) {
                rows.add(row);
            }
        }
        return rows;
    }

    /**
     * The videos of {@code ownerId}'s favorite list, as {@code viewerId} sees them. In the owner's own list every
     * video is one they like, by what the list is: no flag of theirs is read (30 entries of a page's 180).
     */
    public List<VideoDTO> likedVideosAsSeenBy(Long viewerId, long ownerId, List<Long> videoIds) {
        return compose(viewerId, rows(videoIds), null, null, viewerId != null && viewerId == ownerId);
    }

    /** The given rows as {@code viewerId} (null: anonymous) sees them; a video whose author is gone is left out. */
    public List<VideoDTO> compose(Long viewerId, List<VideoRow> rows) {
        return compose(viewerId, rows, null, null);
    }

    /**
     * The same, checking in the same round trip that the Redis key {@code guardKey} still holds
     * {@code guardExpected}: null when it no longer does (the caller's copy of the rows' order is stale).
     */
    public List<VideoDTO> compose(Long viewerId, List<VideoRow> rows, String guardKey, String guardExpected) {
        return compose(viewerId, rows, guardKey, guardExpected, false);
    }

    private List<VideoDTO> compose(Long viewerId, List<VideoRow> rows, String guardKey, String guardExpected,
                                   boolean allLikedByViewer) {
        List<Long> videoIds = rows.stream().map(VideoRow::id).toList();
        Collection<Long> authorIds = rows.stream().map(VideoRow::authorId).distinct().toList();
        ReadModel.Batch batch = readModel.batch();
        if (guardKey != null) {
            batch.guard(guardKey, guardExpected);
        }
        var counts = batch.remote(InteractionServiceClient.VIDEO_COUNTS, null, videoIds,
                (scope, ids) -> Leaves.byId(interactions.videoCounts(ids), VideoCounts::videoId, Function.identity()));
        ReadModel.Lookup<Boolean> likes = viewerId == null || allLikedByViewer ? null
                : batch.remote(InteractionServiceClient.LIKES, viewerId, videoIds,
                        (viewer, ids) -> ReadModel.flags(ids, interactions.likedAmong(new LikeQuery(viewer, ids))));
        UserViews.Pending authors = userViews.add(batch, viewerId, authorIds);
        batch.run();
        if (!batch.guardHeld()) {
            return null;
        }
        if (rows.isEmpty()) {
            return List.of();
        }

        List<VideoDTO> result = new ArrayList<>(rows.size());
        for (VideoRow row : rows) {
            UserDTO author = authors.user(row.authorId());
            VideoCounts c = counts.get(row.id());
            if (author == null) {
                continue;
            }
            if (c == null) {
                throw new IllegalStateException("no counts for video " + row.id());
            }
            boolean liked = allLikedByViewer || likes != null && Boolean.TRUE.equals(likes.get(row.id()));
            result.add(new VideoDTO(row.id(), author, publicUrls.absolute(row.playUrl()),
                    publicUrls.absolute(row.coverUrl()), c.favoriteCount(), c.commentCount(), liked, row.title()));
        }
        return result;
    }
}
