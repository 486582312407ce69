package com.dousheng.e2e;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.jcodec.api.awt.AWTSequenceEncoder;

/** Small real H.264 MP4s (a few KB) made on the spot with jcodec's pure-Java encoder. */
final class Mp4s {
    static final int WIDTH = 128;
    static final int HEIGHT = 96;

    private Mp4s() {
    }

    /** Ten frames of a dot moving over {@code background}: different colours give different bytes. */
    static byte[] h264(Color background) {
        try {
            File file = File.createTempFile("e2e-video-", ".mp4");
            try {
                AWTSequenceEncoder encoder = AWTSequenceEncoder.createSequenceEncoder(file, 10);
                for (int i = 0; i < 10; i++) {
                    BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_3BYTE_BGR);
                    Graphics2D g = image.createGraphics();
                    g.setColor(background);
                    g.fillRect(0, 0, WIDTH, HEIGHT);
                    g.setColor(Color.WHITE);
                    g.fillOval(8 + i * 6, HEIGHT / 4, WIDTH / 4, HEIGHT / 3);
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
