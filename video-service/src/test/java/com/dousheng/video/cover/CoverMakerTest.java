package com.dousheng.video.cover;

import static org.assertj.core.api.Assertions.assertThat;

import com.dousheng.video.TestVideos;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class CoverMakerTest {
    @TempDir
    Path temp;

    @Test
    void theCoverOfARealH264Mp4IsADecodableJpegOfTheVideosSize() throws Exception {
        Path video = Files.write(temp.resolve("clip.mp4"), TestVideos.encode(176, 100, 5));
        byte[] jpeg = new CoverMaker(List.of(new JcodecFrameGrabber())).coverOf(video, "clip").orElseThrow();

        assertThat(jpeg[0]).isEqualTo((byte) 0xFF);
        assertThat(jpeg[1]).isEqualTo((byte) 0xD8);
        BufferedImage cover = ImageIO.read(new ByteArrayInputStream(jpeg));
        assertThat(cover.getWidth()).isEqualTo(176);
        assertThat(cover.getHeight()).isEqualTo(100);
    }

    @Test
    void whenNoGrabberCanReadAFrameThereIsNoCoverAndTheLogSaysWhy(CapturedOutput output) throws Exception {
        Path video = Files.write(temp.resolve("noise.mp4"), TestVideos.mp4HeaderWithGarbage(3_000));
        CoverMaker maker = new CoverMaker(List.of(new JcodecFrameGrabber(),
                new FfmpegFrameGrabber(temp.resolve("no-such-ffmpeg").toString(), Duration.ofSeconds(5))));

        assertThat(maker.coverOf(video, "videos/x/noise.mp4")).isEmpty();
        assertThat(output.getOut())
                .contains("no frame could be read from videos/x/noise.mp4, it gets the default cover")
                .contains("jcodec: ")
                .contains("ffmpeg: '" + temp.resolve("no-such-ffmpeg") + "' cannot be run");
    }

    @Test
    void ffmpegIsTriedWhenJcodecCannotDecode() throws Exception {
        // a stand-in for ffmpeg: checks it was asked for one frame and writes a 64x48 JPEG to the last argument
        Path frame = temp.resolve("frame.jpg");
        ImageIO.write(new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB), "jpg", frame.toFile());
        Path fakeFfmpeg = temp.resolve("ffmpeg");
        Files.writeString(fakeFfmpeg, """
                #!/bin/sh
                case "$*" in *"-frames:v 1"*) ;; *) echo "unexpected arguments: $*"; exit 2;; esac
                for last in "$@"; do :; done
                cp "%s" "$last"
                """.formatted(frame));
        Files.setPosixFilePermissions(fakeFfmpeg, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path video = Files.write(temp.resolve("noise.mp4"), TestVideos.mp4HeaderWithGarbage(3_000));

        Optional<byte[]> cover = new CoverMaker(List.of(new JcodecFrameGrabber(),
                new FfmpegFrameGrabber(fakeFfmpeg.toString(), Duration.ofSeconds(10)))).coverOf(video, "noise");

        BufferedImage image = ImageIO.read(new ByteArrayInputStream(cover.orElseThrow()));
        assertThat(image.getWidth()).isEqualTo(64);
        assertThat(image.getHeight()).isEqualTo(48);
    }

    @Test
    void aFailingFfmpegRunIsReportedWithItsOutput(CapturedOutput output) throws Exception {
        Path fakeFfmpeg = temp.resolve("ffmpeg");
        Files.writeString(fakeFfmpeg, "#!/bin/sh\necho 'Invalid data found when processing input'\nexit 1\n");
        Files.setPosixFilePermissions(fakeFfmpeg, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path video = Files.write(temp.resolve("noise.mp4"), TestVideos.mp4HeaderWithGarbage(3_000));

        assertThat(new CoverMaker(List.of(new FfmpegFrameGrabber(fakeFfmpeg.toString(), Duration.ofSeconds(10))))
                .coverOf(video, "noise")).isEmpty();
        assertThat(output.getOut()).contains("ffmpeg: exit code 1: Invalid data found when processing input");
    }
}
