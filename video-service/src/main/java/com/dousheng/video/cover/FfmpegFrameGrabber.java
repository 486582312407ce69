package com.dousheng.video.cover;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

/** Runs an external ffmpeg (when the machine has one) for the codecs jcodec cannot decode. */
public class FfmpegFrameGrabber implements FrameGrabber {
    private static final int MAX_LOG_CHARS = 300;

    private final String command;
    private final Duration timeout;

    public FfmpegFrameGrabber(String command, Duration timeout) {
        this.command = command;
        this.timeout = timeout;
    }

    @Override
    public String name() {
        return "ffmpeg";
    }

    @Override
    public BufferedImage firstFrame(Path video) throws Exception {
        Path out = Files.createTempFile("dousheng-cover-", ".jpg");
        Path log = Files.createTempFile("dousheng-ffmpeg-", ".log");
        try {
            Process process;
            try {
                process = new ProcessBuilder(List.of(command, "-hide_banner", "-loglevel", "error", "-nostdin", "-y",
                        "-i", video.toString(), "-frames:v", "1", "-f", "image2", out.toString()))
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .start();
            } catch (IOException e) {
                throw new IllegalStateException("'" + command + "' cannot be run (not installed?): " + e.getMessage());
            }
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("gave up after " + timeout.toSeconds() + " s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("exit code " + process.exitValue() + ": " + tail(log));
            }
            BufferedImage frame = Files.size(out) == 0 ? null : ImageIO.read(out.toFile());
            if (frame == null) {
                throw new IllegalStateException("wrote no readable image: " + tail(log));
            }
            return frame;
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(log);
        }
    }

    private static String tail(Path log) throws IOException {
        String text = Files.readString(log, StandardCharsets.UTF_8).strip();
        return text.length() <= MAX_LOG_CHARS ? text : "..." + text.substring(text.length() - MAX_LOG_CHARS);
    }
}
