package com.dousheng.video.cover;

import com.dousheng.video.VideoProperties;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class CoverConfiguration {

    /** jcodec first (in process, no dependency); ffmpeg second when configured, for codecs jcodec lacks. */
    @Bean
    public CoverMaker coverMaker(VideoProperties properties) {
        List<FrameGrabber> grabbers = new ArrayList<>();
        grabbers.add(new JcodecFrameGrabber());
        VideoProperties.Cover cover = properties.cover();
        if (cover.ffmpeg() != null && !cover.ffmpeg().isBlank()) {
            grabbers.add(new FfmpegFrameGrabber(cover.ffmpeg().trim(), cover.ffmpegTimeout()));
        }
        return new CoverMaker(grabbers);
    }
}
