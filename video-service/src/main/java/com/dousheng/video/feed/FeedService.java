package com.dousheng.video.feed;

import com.dousheng.common.api.video.VideoDTO;
import com.dousheng.common.api.video.VideoRow;
import com.dousheng.common.view.VideoViews;
import com.dousheng.video.VideoProperties;
import com.dousheng.video.catalog.VideoCatalog;
import com.dousheng.video.catalog.VideoMapper;
import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Service;

@Service
public class FeedService {
    private static final int ATTEMPTS = 3;

    private final FeedIndex index;
    private final VideoCatalog catalog;
    private final VideoMapper mapper;
    private final VideoViews views;
    private final Clock clock;
    private final int pageSize;

    public FeedService(FeedIndex index, VideoCatalog catalog, VideoMapper mapper, VideoViews views, Clock clock,
                       VideoProperties properties) {
        this.index = index;
        this.catalog = catalog;
        this.mapper = mapper;
        this.views = views;
        this.clock = clock;
        this.pageSize = properties.feedPageSize();
    }

    /**
     * Up to a page of videos published strictly before {@code latestTime}, newest first. Publish times are unique,
     * so feeding {@code next_time} (the oldest time on the page) back in continues with no gap and no repeat.
     * An empty page (nothing older) answers {@code next_time} = now, so a client that sends it back starts over
     * from the newest videos.
     */
    public FeedResponse page(Long latestTime, Long viewerId) {
        long now = clock.millis();
        long before = FeedTime.upperBoundMillis(latestTime, now);
        FeedIndex.Snapshot snapshot = index.current();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            List<Long> ids = snapshot.page(before, pageSize);
            if (ids == null) {
                break;
            }
            List<VideoRow> rows = catalog.rows(ids);
            List<VideoDTO> videos = views.compose(viewerId, rows, FeedIndex.CLOCK_KEY, snapshot.clock());
            if (videos != null) {
                return response(rows, videos, now);
            }
            snapshot = index.replace(snapshot);
        }
        // older than what the index keeps (or publishes racing every attempt): the index query answers
        List<VideoRow> rows = catalog.rows(mapper.idsPublishedBefore(before, pageSize));
        return response(rows, views.compose(viewerId, rows), now);
    }

    private static FeedResponse response(List<VideoRow> rows, List<VideoDTO> videos, long now) {
        if (rows.isEmpty()) {
            return FeedResponse.of(List.of(), now);
        }
        return FeedResponse.of(videos, rows.get(rows.size() - 1).publishedAt());
    }
}
