package com.dousheng.video.cover;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import org.jcodec.api.awt.AWTFrameGrab;
import org.jcodec.common.io.NIOUtils;
import org.jcodec.common.io.SeekableByteChannel;

/** Pure-Java decoding with jcodec: H.264 in MP4/MOV; other codecs (HEVC, ...) fail and fall through. */
public class JcodecFrameGrabber implements FrameGrabber {

    @Override
    public String name() {
        return "jcodec";
    }

    @Override
    public BufferedImage firstFrame(Path video) throws Exception {
        try (SeekableByteChannel channel = NIOUtils.readableChannel(video.toFile())) {
            // the orientation variant applies the rotation phones record portrait videos with
            BufferedImage frame = AWTFrameGrab.createAWTFrameGrab(channel).getFrameWithOrientation();
            if (frame == null) {
                throw new IllegalStateException("the video track has no frames");
            }
            return frame;
        }
    }
}
