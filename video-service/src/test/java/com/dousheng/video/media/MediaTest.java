package com.dousheng.video.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.head;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.dousheng.video.TestVideos;
import com.dousheng.video.VideoServiceTestBase;
import com.dousheng.video.storage.Storage;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.web.MockHttpServletResponse;

class MediaTest extends VideoServiceTestBase {
    private static final String KEY = "videos/2025/01/range-test.mp4";

    @Autowired
    Storage storage;

    @Test
    void aRangeRequestIsAnswered206WithExactlyThoseBytes() throws Exception {
        byte[] mp4 = TestVideos.h264Mp4();
        storage.put(KEY, mp4, "video/mp4");

        MockHttpServletResponse part = mvc.perform(get("/static/" + KEY).header(HttpHeaders.RANGE, "bytes=100-199"))
                .andExpect(status().isPartialContent())
                .andExpect(header().string(HttpHeaders.CONTENT_RANGE, "bytes 100-199/" + mp4.length))
                .andExpect(header().string(HttpHeaders.CONTENT_TYPE, "video/mp4"))
                .andReturn().getResponse();
        assertThat(part.getContentAsByteArray()).isEqualTo(Arrays.copyOfRange(mp4, 100, 200));

        MockHttpServletResponse tail = mvc.perform(get("/static/" + KEY).header(HttpHeaders.RANGE, "bytes=-16"))
                .andExpect(status().isPartialContent())
                .andExpect(header().string(HttpHeaders.CONTENT_RANGE,
                        "bytes " + (mp4.length - 16) + "-" + (mp4.length - 1) + "/" + mp4.length))
                .andReturn().getResponse();
        assertThat(tail.getContentAsByteArray()).isEqualTo(Arrays.copyOfRange(mp4, mp4.length - 16, mp4.length));

        mvc.perform(get("/static/" + KEY).header(HttpHeaders.RANGE, "bytes=" + mp4.length + "-"))
                .andExpect(status().isRequestedRangeNotSatisfiable());
    }

    @Test
    void aPlainRequestGetsTheWholeFileAndAdvertisesRanges() throws Exception {
        byte[] mp4 = TestVideos.h264Mp4();
        storage.put(KEY, mp4, "video/mp4");
        MockHttpServletResponse whole = mvc.perform(get("/static/" + KEY))
                .andExpect(status().isOk())
                .andExpect(header().string(HttpHeaders.ACCEPT_RANGES, "bytes"))
                .andExpect(header().string(HttpHeaders.CONTENT_TYPE, "video/mp4"))
                .andExpect(header().longValue(HttpHeaders.CONTENT_LENGTH, mp4.length))
                .andReturn().getResponse();
        assertThat(whole.getContentAsByteArray()).isEqualTo(mp4);
        mvc.perform(head("/static/" + KEY))
                .andExpect(status().isOk())
                .andExpect(header().longValue(HttpHeaders.CONTENT_LENGTH, mp4.length));
    }

    @Test
    void theDefaultImagesAreRealImagesOfTheRightType() throws Exception {
        assertImage("/static/defaults/avatar.png", "image/png");
        assertImage("/static/defaults/background.png", "image/png");
        assertImage("/static/defaults/cover.jpg", "image/jpeg");
    }

    @Test
    void pathsThatLeaveTheMediaDirectoryAreNotFound() throws Exception {
        Path secret = MEDIA_DIR.getParent().resolve("secret.txt");
        Files.writeString(secret, "top secret");
        storage.put(KEY, TestVideos.h264Mp4(), "video/mp4");
        for (String path : new String[] {"/static/../secret.txt", "/static/videos/../../secret.txt",
                "/static/%2e%2e/secret.txt", "/static/videos/..%2F..%2Fsecret.txt", "/static/.%2e/secret.txt",
                "/static/defaults/../../secret.txt", "/static/defaults/../videos/2025/01/range-test.mp4",
                "/static/" + MEDIA_DIR.getParent().resolve("secret.txt"), "/static/videos\\..\\..\\secret.txt"}) {
            MockHttpServletResponse response = mvc.perform(get(path)).andReturn().getResponse();
            assertThat(response.getStatus()).as(path).isEqualTo(404);
            assertThat(response.getContentAsString(StandardCharsets.UTF_8)).as(path).doesNotContain("top secret");
        }
    }

    @Test
    void aMissingFileIs404WithTheEnvelope() throws Exception {
        mvc.perform(get("/static/videos/2025/01/nothing.mp4"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.status_code").value(1005));
        mvc.perform(get("/static/defaults/unknown.png"))
                .andExpect(status().isNotFound());
    }

    private void assertImage(String path, String type) throws Exception {
        MockHttpServletResponse response = mvc.perform(get(path))
                .andExpect(status().isOk())
                .andExpect(header().string(HttpHeaders.CONTENT_TYPE, type))
                .andReturn().getResponse();
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(response.getContentAsByteArray()));
        assertThat(image).as(path).isNotNull();
        assertThat(image.getWidth()).isGreaterThan(16);
    }
}
