package com.dousheng.video.publish;

import com.dousheng.common.auth.Viewer;
import com.dousheng.common.view.VideoViews;
import com.dousheng.video.catalog.VideoCatalog;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class PublishListController {
    private final VideoCatalog catalog;
    private final VideoViews views;

    public PublishListController(VideoCatalog catalog, VideoViews views) {
        this.catalog = catalog;
        this.views = views;
    }

    /**
     * API.md 3.6: the videos {@code user_id} published, newest first, up to {@code dousheng.video.publish-list-limit};
     * the token is optional (viewer's state).
     */
    @GetMapping("/douyin/publish/list/")
    public VideoListResponse list(@RequestParam("user_id") Long userId, @Viewer Long viewerId) {
        return VideoListResponse.of(views.compose(viewerId, catalog.byAuthor(userId)));
    }
}
