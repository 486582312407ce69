package com.dousheng.e2e;

import com.dousheng.common.testsupport.TestVideos;
import java.awt.Color;

/** Small real H.264 MP4s (a few KB) for uploads. */
final class Mp4s {
    static final int WIDTH = 128;
    static final int HEIGHT = 96;

    private Mp4s() {
    }

    /** Ten frames of a dot moving over {@code background}: different colours give different bytes. */
    static byte[] h264(Color background) {
        return TestVideos.h264(WIDTH, HEIGHT, 10, background);
    }
}
