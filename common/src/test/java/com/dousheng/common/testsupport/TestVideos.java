package com.dousheng.common.testsupport;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.jcodec.api.awt.AWTSequenceEncoder;

/** Small real H.264 MP4s (a few KB) made on the spot with jcodec's pure-Java encoder. */
public final class TestVideos {
    private TestVideos() {
    }

    /** {@code frames} frames of a white dot moving over {@code background}: other colours give other bytes. */
    public static byte[] h264(int width, int height, int frames, Color background) {
        try {
            File file = File.createTempFile("test-video-", ".mp4");
            try {
                AWTSequenceEncoder encoder = AWTSequenceEncoder.createSequenceEncoder(file, 10);
                for (int i = 0; i < frames; i++) {
                    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
                    Graphics2D g = image.createGraphics();
                    g.setColor(background);
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
}
