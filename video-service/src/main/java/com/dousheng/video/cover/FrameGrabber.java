package com.dousheng.video.cover;

import java.awt.image.BufferedImage;
import java.nio.file.Path;

/** Reads one picture out of a video file. */
public interface FrameGrabber {
    /** Short name for log lines. */
    String name();

    /** The first frame, upright; throws with a readable message when the file cannot be decoded. */
    BufferedImage firstFrame(Path video) throws Exception;
}
