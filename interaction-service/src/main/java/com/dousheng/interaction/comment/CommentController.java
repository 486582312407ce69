package com.dousheng.interaction.comment;

import com.dousheng.common.auth.Viewer;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class CommentController {
    private final CommentService service;

    public CommentController(CommentService service) {
        this.service = service;
    }

    @PostMapping("/douyin/comment/action/")
    public CommentActionResponse action(@Viewer(required = true) Long viewerId,
                                        @RequestParam("video_id") Long videoId,
                                        @RequestParam("action_type") Integer actionType,
                                        @RequestParam(value = "comment_text", required = false) String commentText,
                                        @RequestParam(value = "comment_id", required = false) Long commentId) {
        return CommentActionResponse.of(service.act(viewerId, videoId, actionType, commentText, commentId));
    }

    @GetMapping("/douyin/comment/list/")
    public CommentListResponse list(@Viewer Long viewerId, @RequestParam("video_id") Long videoId) {
        return CommentListResponse.of(service.list(videoId, viewerId));
    }
}
