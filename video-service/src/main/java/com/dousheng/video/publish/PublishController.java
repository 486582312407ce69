package com.dousheng.video.publish;

import com.dousheng.common.auth.Viewer;
import com.dousheng.common.web.BaseResponse;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@RestController
public class PublishController {
    private final PublishService publishService;

    public PublishController(PublishService publishService) {
        this.publishService = publishService;
    }

    /**
     * API.md 3.5: multipart parts {@code data} (the MP4), {@code token} (checked by the {@link Viewer} resolver,
     * since the gateway cannot read multipart bodies) and {@code title}. Parts are optional here so that
     * {@link PublishService} can say exactly what is wrong.
     */
    @PostMapping("/douyin/publish/action/")
    public BaseResponse publish(@Viewer(required = true) Long viewerId,
                                @RequestParam(value = "data", required = false) MultipartFile data,
                                @RequestParam(value = "title", required = false) String title) {
        publishService.publish(viewerId, data, title);
        return BaseResponse.ok();
    }
}
