package com.dousheng.video;

import java.awt.Color;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/** Small real videos for tests, made with jcodec's pure-Java H.264 encoder (about 5 KB each). */
public final class TestVideos {
    public static final int WIDTH = 120;
    public static final int HEIGHT = 90;
    /** The background colour of every frame of {@link #h264Mp4()}. */
    public static final Color BACKGROUND = new Color(200, 40, 40);

    private static byte[] sample;

    private TestVideos() {
    }

    /** A 10-frame H.264 MP4 of {@link #WIDTH}x{@link #HEIGHT} (90 is not a multiple of 16: the decoder must crop). */
    public static synchronized byte[] h264Mp4() {
        if (sample == null) {
            sample = encode(WIDTH, HEIGHT, 10);
        }
        return sample.clone();
    }

    public static byte[] encode(int width, int height, int frames) {
        return com.dousheng.common.testsupport.TestVideos.h264(width, height, frames, BACKGROUND);
    }

    /** An MP4 'ftyp' box followed by bytes that are no video: passes the container check, yields no frame. */
    public static byte[] mp4HeaderWithGarbage(int length) {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        buffer.putInt(24).put("ftypisom".getBytes(StandardCharsets.US_ASCII)).putInt(0x200)
                .put("isommp41".getBytes(StandardCharsets.US_ASCII));
        byte[] noise = new byte[length - buffer.position()];
        new Random(42).nextBytes(noise);
        buffer.put(noise);
        return buffer.array();
    }
}
