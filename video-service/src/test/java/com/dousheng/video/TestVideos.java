package com.dousheng.video;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Random;
import org.jcodec.api.awt.AWTSequenceEncoder;

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
        try {
            File file = File.createTempFile("test-video-", ".mp4");
            try {
                AWTSequenceEncoder encoder = AWTSequenceEncoder.createSequenceEncoder(file, 10);
                for (int i = 0; i < frames; i++) {
                    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
                    Graphics2D g = image.createGraphics();
                    g.setColor(BACKGROUND);
                    g.fillRect(0, 0, width, height);
                    g.setColor(Color.WHITE);
                    g.fillOval(10 + i * 5, height / 4, width / 4, height / 3);
                    g.dispose();
                    encoder.encodeImage(image);
                }
                encoder.finish();
                return Files.readAllBytes(file.toPath());
            } finally {
                Files.deleteIfExists(file.toPath());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
