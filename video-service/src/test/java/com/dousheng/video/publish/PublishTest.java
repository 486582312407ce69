package com.dousheng.video.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.doThrow;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.dousheng.video.TestVideos;
import com.dousheng.video.VideoServiceTestBase;
import com.dousheng.video.catalog.Video;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;

@ExtendWith(OutputCaptureExtension.class)
class PublishTest extends VideoServiceTestBase {
    private static final long AUTHOR = 7;

    @Test
    void aPublishedVideoIsFirstInTheFeedAndItsUrlsServeTheUploadAndARealCover() throws Exception {
        byte[] mp4 = TestVideos.h264Mp4();
        upload(mp4, "第一个视频 #1", tokenFor(AUTHOR))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status_code").value(0));

        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM video");
        assertThat(row.get("author_id")).isEqualTo(AUTHOR);
        assertThat(row.get("title")).isEqualTo("第一个视频 #1");
        assertThat((String) row.get("cover_key")).startsWith("covers/").endsWith(".jpg");

        JsonNode video = body(mvc.perform(get("/douyin/feed/"))).get("video_list").get(0);
        assertThat(video.get("title").asText()).isEqualTo("第一个视频 #1");
        assertThat(video.get("author").get("id").asLong()).isEqualTo(AUTHOR);
        assertThat(video.get("play_url").asText()).startsWith("http://localhost/static/videos/");

        byte[] played = mvc.perform(get(pathOf(video.get("play_url").asText())))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsByteArray();
        assertThat(played).isEqualTo(mp4);

        var coverResponse = mvc.perform(get(pathOf(video.get("cover_url").asText())))
                .andExpect(status().isOk())
                .andReturn().getResponse();
        assertThat(coverResponse.getContentType()).isEqualTo("image/jpeg");
        BufferedImage cover = ImageIO.read(new ByteArrayInputStream(coverResponse.getContentAsByteArray()));
        assertThat(cover).isNotNull();
        assertThat(cover.getWidth()).isEqualTo(TestVideos.WIDTH);
        assertThat(cover.getHeight()).isEqualTo(TestVideos.HEIGHT);
        // the frame's red background, not the grey default cover
        int rgb = cover.getRGB(TestVideos.WIDTH - 5, TestVideos.HEIGHT - 5);
        assertThat((rgb >> 16) & 0xFF).isGreaterThan(150);
        assertThat((rgb >> 8) & 0xFF).isLessThan(90);

        mvc.perform(get("/douyin/publish/list/").param("user_id", Long.toString(AUTHOR)))
                .andExpect(jsonPath("$.video_list.length()").value(1))
                .andExpect(jsonPath("$.video_list[0].id").value(video.get("id").asLong()));
        assertThat(mediaFiles()).hasSize(2);
        assertThat(pendingUploadRows()).as("the upload is complete, nothing for the sweeper").isZero();
    }

    @Test
    void aTitleOfExactlyTheLimitIsAcceptedAndSurroundingSpaceIsTrimmed() throws Exception {
        String hundred = "视".repeat(100);
        upload(TestVideos.h264Mp4(), "  " + hundred + "\n", tokenFor(AUTHOR))
                .andExpect(jsonPath("$.status_code").value(0));
        assertThat(jdbc.queryForObject("SELECT title FROM video", String.class)).isEqualTo(hundred);
    }

    @Test
    void titlesOthersReadGoThroughTheSensitiveWordFilter() throws Exception {
        upload(TestVideos.h264Mp4(), "what the Shit", tokenFor(AUTHOR))
                .andExpect(jsonPath("$.status_code").value(0));
        mvc.perform(get("/douyin/feed/"))
                .andExpect(jsonPath("$.video_list[0].title").value("what the ****"));
    }

    @Test
    void anMp4WhoseFrameCannotBeReadGetsTheDefaultCoverAndTheLogSaysWhy(CapturedOutput output) throws Exception {
        upload(TestVideos.mp4HeaderWithGarbage(4_000), "noise", tokenFor(AUTHOR))
                .andExpect(jsonPath("$.status_code").value(0));

        assertThat(jdbc.queryForObject("SELECT cover_key FROM video", String.class)).isNull();
        mvc.perform(get("/douyin/feed/"))
                .andExpect(jsonPath("$.video_list[0].cover_url").value("http://localhost/static/defaults/cover.jpg"));
        assertThat(output.getOut()).contains("gets the default cover").contains("jcodec:");
        assertThat(mediaFiles()).hasSize(1);
    }

    @Test
    void refusesAnUploadWithoutALogin() throws Exception {
        expectRefusal(upload(TestVideos.h264Mp4(), "t", null), 2001, "log in");
        expectRefusal(upload(TestVideos.h264Mp4(), "t", "forged.token.value"), 2002, "token");
    }

    @Test
    void refusesAMissingFile() throws Exception {
        expectRefusal(mvc.perform(multipart("/douyin/publish/action/")
                .param("token", tokenFor(AUTHOR)).param("title", "t")), 1002, "'data'");
    }

    @Test
    void refusesAnEmptyFile() throws Exception {
        expectRefusal(upload(new byte[0], "t", tokenFor(AUTHOR)), 4002, "empty");
    }

    @Test
    void refusesAFileOverTheSizeLimitAndNamesTheLimit() throws Exception {
        byte[] large = TestVideos.mp4HeaderWithGarbage(256 * 1024 + 1);
        expectRefusal(upload(large, "t", tokenFor(AUTHOR)), 1006, "256 KB");
    }

    @Test
    void refusesBytesThatAreNotAnMp4WhateverTheFileName() throws Exception {
        byte[] text = "this is not a video at all, only text".getBytes(StandardCharsets.UTF_8);
        expectRefusal(upload(text, "t", tokenFor(AUTHOR)), 4002, "not an MP4");
        byte[] png = mvc.perform(get("/static/defaults/avatar.png")).andReturn().getResponse().getContentAsByteArray();
        expectRefusal(upload(png, "t", tokenFor(AUTHOR)), 4002, "not an MP4");
    }

    @Test
    void refusesAMissingEmptyOrOverlongTitle() throws Exception {
        String token = tokenFor(AUTHOR);
        expectRefusal(mvc.perform(multipart("/douyin/publish/action/").file(mp4Part(TestVideos.h264Mp4()))
                .param("token", token)), 1002, "1 to 100 characters");
        expectRefusal(upload(TestVideos.h264Mp4(), "", token), 1003, "1 to 100 characters");
        expectRefusal(upload(TestVideos.h264Mp4(), "   ", token), 1003, "1 to 100 characters");
        expectRefusal(upload(TestVideos.h264Mp4(), "x".repeat(101), token), 1003, "at most 100");
    }

    @Test
    void refusesAnAuthorUserServiceDoesNotKnow() throws Exception {
        doReturn(List.of()).when(users).existingUserIds(anyList());
        expectRefusal(upload(TestVideos.h264Mp4(), "t", tokenFor(AUTHOR)), 3003, "no longer exists");
    }

    @Test
    void aFailureAfterStoringRemovesTheStoredFiles() throws Exception {
        doThrow(new DataAccessResourceFailureException("database went away"))
                .when(recorder).record(anyLong(), anyString(), anyString(), any(), anyLong());
        upload(TestVideos.h264Mp4(), "t", tokenFor(AUTHOR))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status_code").value(9999));
        assertNothingStored();
    }

    @Test
    void publishTimesStayUniqueAndIncreasingWhenTheClockRepeatsOrStepsBack() {
        Video first = insertVideo(1, "a", 5_000);
        Video same = insertVideo(1, "b", 5_000);
        Video earlier = insertVideo(1, "c", 4_000);
        Video later = insertVideo(1, "d", 9_000);
        assertThat(List.of(first.publishedAt(), same.publishedAt(), earlier.publishedAt(), later.publishedAt()))
                .containsExactly(5_000L, 5_001L, 5_002L, 9_000L);
    }

    private void expectRefusal(ResultActions result, int code, String hint) throws Exception {
        result.andExpect(status().isOk())
                .andExpect(jsonPath("$.status_code").value(code))
                .andExpect(jsonPath("$.status_msg").value(containsString(hint)));
        assertNothingStored();
    }

    private void assertNothingStored() {
        assertThat(videoRows()).isZero();
        assertThat(mediaFiles()).isEmpty();
        assertThat(pendingUploadRows()).isZero();
    }

    private ResultActions upload(byte[] data, String title, String token) throws Exception {
        MockMultipartHttpServletRequestBuilder request = multipart("/douyin/publish/action/").file(mp4Part(data));
        if (title != null) {
            request.param("title", title);
        }
        if (token != null) {
            request.param("token", token);
        }
        return mvc.perform(request);
    }

    private static MockMultipartFile mp4Part(byte[] data) {
        return new MockMultipartFile("data", "clip.mp4", "video/mp4", data);
    }
}
