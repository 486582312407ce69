package com.dousheng.video.internal;

import com.dousheng.common.api.video.UserWorkCount;
import com.dousheng.common.api.video.VideoAuthor;
import com.dousheng.common.api.video.VideoBatchQuery;
import com.dousheng.common.api.video.VideoDTO;
import com.dousheng.common.api.video.VideoServiceClient;
import com.dousheng.video.assembly.VideoAssembler;
import com.dousheng.video.catalog.VideoCatalog;
import java.util.List;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Provider side of {@link VideoServiceClient}: mappings and bodies come from the shared interface. */
@RestController
@RequestMapping(VideoServiceClient.PATH)
public class VideoInternalController implements VideoServiceClient {
    private final VideoCatalog catalog;
    private final VideoAssembler assembler;

    public VideoInternalController(VideoCatalog catalog, VideoAssembler assembler) {
        this.catalog = catalog;
        this.assembler = assembler;
    }

    @Override
    public List<VideoDTO> batchVideos(VideoBatchQuery query) {
        return assembler.assemble(query.viewerId(), catalog.findByIds(query.videoIds()));
    }

    @Override
    public List<VideoAuthor> videoAuthors(List<Long> videoIds) {
        return catalog.findByIds(videoIds).stream().map(v -> new VideoAuthor(v.id(), v.authorId())).toList();
    }

    @Override
    public List<UserWorkCount> workCounts(List<Long> userIds) {
        return catalog.workCounts(userIds);
    }
}
