package com.dousheng.interaction.favorite;

import com.dousheng.common.auth.Viewer;
import com.dousheng.common.web.BaseResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class FavoriteController {
    private final FavoriteService service;

    public FavoriteController(FavoriteService service) {
        this.service = service;
    }

    @PostMapping("/douyin/favorite/action/")
    public BaseResponse action(@Viewer(required = true) Long viewerId,
                               @RequestParam("video_id") Long videoId,
                               @RequestParam("action_type") Integer actionType) {
        service.act(viewerId, videoId, actionType);
        return BaseResponse.ok();
    }

    @GetMapping("/douyin/favorite/list/")
    public VideoListResponse list(@Viewer Long viewerId, @RequestParam("user_id") Long userId) {
        return VideoListResponse.of(service.likedVideos(userId, viewerId));
    }
}
