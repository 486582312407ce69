package com.dousheng.video.feed;

import com.dousheng.common.api.video.VideoDTO;
import com.dousheng.video.VideoProperties;
import com.dousheng.video.assembly.VideoAssembler;
import com.dousheng.video.catalog.Video;
import com.dousheng.video.catalog.VideoCatalog;
import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Service;

@Service
public class FeedService {
    private final VideoCatalog catalog;
    private final VideoAssembler assembler;
    private final Clock clock;
    private final int pageSize;

    public FeedService(VideoCatalog catalog, VideoAssembler assembler, Clock clock, VideoProperties properties) {
        this.catalog = catalog;
        this.assembler = assembler;
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
        List<Video> page = catalog.publishedBefore(FeedTime.upperBoundMillis(latestTime, now), pageSize);
        if (page.isEmpty()) {
            return FeedResponse.of(List.of(), now);
        }
        List<VideoDTO> videos = assembler.assemble(viewerId, page);
        return FeedResponse.of(videos, page.get(page.size() - 1).publishedAt());
    }
}
