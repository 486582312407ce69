package com.dousheng.video.assembly;

import com.dousheng.common.api.interaction.InteractionServiceClient;
import com.dousheng.common.api.interaction.VideoStats;
import com.dousheng.common.api.interaction.VideoStatsQuery;
import com.dousheng.common.api.user.UserBatchQuery;
import com.dousheng.common.api.user.UserDTO;
import com.dousheng.common.api.user.UserServiceClient;
import com.dousheng.common.api.video.VideoDTO;
import com.dousheng.common.remote.DegradedCalls;
import com.dousheng.common.web.PublicUrls;
import com.dousheng.video.catalog.Video;
import com.dousheng.video.media.DefaultImages;
import com.dousheng.video.storage.Storage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Turns stored videos into the contract's Video objects for one viewer with exactly one user-service call (authors)
 * and one interaction-service call (counts, the viewer's likes) whatever the number of videos.
 * Authors are essential: if user-service fails the request fails. Counts are not: if interaction-service fails the
 * videos go out with zeros and {@code is_favorite=false}, the failure is logged and counted in
 * {@code dousheng.remote.failures{service=interaction-service}}.
 */
@Component
public class VideoAssembler {
    private static final Logger log = LoggerFactory.getLogger(VideoAssembler.class);

    private final UserServiceClient users;
    private final InteractionServiceClient interactions;
    private final Storage storage;
    private final PublicUrls publicUrls;
    private final DegradedCalls degradedCalls;

    public VideoAssembler(UserServiceClient users, InteractionServiceClient interactions, Storage storage,
                          PublicUrls publicUrls, DegradedCalls degradedCalls) {
        this.users = users;
        this.interactions = interactions;
        this.storage = storage;
        this.publicUrls = publicUrls;
        this.degradedCalls = degradedCalls;
    }

    /** Videos in the given order; a video whose author user-service does not know is left out. */
    public List<VideoDTO> assemble(Long viewerId, List<Video> videos) {
        if (videos.isEmpty()) {
            return List.of();
        }
        List<Long> authorIds = videos.stream().map(Video::authorId).distinct().toList();
        Map<Long, UserDTO> authors = new HashMap<>();
        for (UserDTO author : users.batchUsers(new UserBatchQuery(viewerId, authorIds))) {
            authors.put(author.id(), author);
        }
        Map<Long, VideoStats> stats = stats(viewerId, videos);

        List<VideoDTO> result = new ArrayList<>(videos.size());
        for (Video video : videos) {
            UserDTO author = authors.get(video.authorId());
            if (author == null) {
                log.warn("video {} left out: user-service does not know its author {}", video.id(), video.authorId());
                continue;
            }
            VideoStats s = stats.getOrDefault(video.id(), VideoStats.empty(video.id()));
            result.add(new VideoDTO(video.id(), author,
                    publicUrls.absolute(storage.url(video.playKey())),
                    publicUrls.absolute(video.coverKey() == null ? DefaultImages.COVER_PATH
                            : storage.url(video.coverKey())),
                    s.favoriteCount(), s.commentCount(), s.favorite(), video.title()));
        }
        return result;
    }

    private Map<Long, VideoStats> stats(Long viewerId, List<Video> videos) {
        List<Long> videoIds = videos.stream().map(Video::id).toList();
        Map<Long, VideoStats> stats = new HashMap<>();
        for (VideoStats s : degradedCalls.callOrFallback("interaction-service",
                () -> interactions.videoStats(new VideoStatsQuery(viewerId, videoIds)), List::<VideoStats>of)) {
            stats.put(s.videoId(), s);
        }
        return stats;
    }
}
