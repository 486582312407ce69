package com.dousheng.video.publish;

import com.dousheng.common.auth.Viewer;
import com.dousheng.video.assembly.VideoAssembler;
import com.dousheng.video.catalog.VideoCatalog;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class PublishListController {
    private final VideoCatalog catalog;
    private final VideoAssembler assembler;

    public PublishListController(VideoCatalog catalog, VideoAssembler assembler) {
        this.catalog = catalog;
        this.assembler = assembler;
    }

    /** API.md 3.6: the videos {@code user_id} published, newest first; the token is optional (viewer's state). */
    @GetMapping("/douyin/publish/list/")
    public VideoListResponse list(@RequestParam("user_id") Long userId, @Viewer Long viewerId) {
        return VideoListResponse.of(assembler.assemble(viewerId, catalog.byAuthor(userId)));
    }
}
