package com.dousheng.video.cover;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the JPEG cover of an uploaded video from its first frame, trying each {@link FrameGrabber} in turn.
 * When none can read a frame the video keeps the default cover, and the log says what each grabber reported.
 */
public class CoverMaker {
    private static final Logger log = LoggerFactory.getLogger(CoverMaker.class);

    private final List<FrameGrabber> grabbers;

    public CoverMaker(List<FrameGrabber> grabbers) {
        this.grabbers = List.copyOf(grabbers);
    }

    /** @param label what the log calls this video (e.g. the storage key) */
    public Optional<byte[]> coverOf(Path video, String label) {
        List<String> reasons = new ArrayList<>();
        for (FrameGrabber grabber : grabbers) {
            try {
                return Optional.of(jpeg(grabber.firstFrame(video)));
            } catch (Exception e) {
                reasons.add(grabber.name() + ": " + describe(e));
            }
        }
        log.warn("no frame could be read from {}, it gets the default cover ({})", label,
                reasons.isEmpty() ? "no frame grabber configured" : String.join("; ", reasons));
        return Optional.empty();
    }

    static byte[] jpeg(BufferedImage frame) throws IOException {
        // JPEG has no alpha channel and ImageIO refuses some decoder layouts: draw onto plain RGB first
        BufferedImage rgb = new BufferedImage(frame.getWidth(), frame.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        try {
            g.drawImage(frame, 0, 0, Color.BLACK, null);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(rgb, "jpg", out)) {
            throw new IOException("no JPEG writer available");
        }
        return out.toByteArray();
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
