package com.dousheng.video.feed;

import com.dousheng.common.auth.Viewer;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class FeedController {
    private final FeedService feedService;

    public FeedController(FeedService feedService) {
        this.feedService = feedService;
    }

    /** API.md 3.1: no token needed; with one, {@code is_favorite} and {@code author.is_follow} are the viewer's. */
    @GetMapping("/douyin/feed/")
    public FeedResponse feed(@RequestParam(value = "latest_time", required = false) Long latestTime,
                             @Viewer Long viewerId) {
        return feedService.page(latestTime, viewerId);
    }
}
