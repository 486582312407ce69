package com.dousheng.video.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.dousheng.common.api.video.VideoServiceClient;
import com.dousheng.common.testsupport.ReadModelTesting;
import com.dousheng.video.VideoServiceTestBase;
import com.dousheng.video.catalog.Video;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

/** video-service's leaf API: its own rows and counts, no other service asked. */
class VideoInternalApiTest extends VideoServiceTestBase {

    @Test
    void rowsAnswerInRequestOrderLeaveOutUnknownIdsAndAskNoOtherService() throws Exception {
        Video a = insertVideo(1, "a", 1_000);
        Video b = insertVideo(2, "b", 2_000);
        Video c = insertVideo(1, "c", 3_000);

        JsonNode rows = call("/rows", "[" + c.id() + ",999999," + a.id() + "," + b.id() + "]");
        assertThat(ids(rows)).containsExactly(c.id(), a.id(), b.id());
        JsonNode first = rows.get(0);
        assertThat(first.get("title").asText()).isEqualTo("c");
        assertThat(first.get("authorId").asLong()).isEqualTo(1);
        assertThat(first.get("publishedAt").asLong()).isEqualTo(c.publishedAt());
        // paths as stored; the composing service makes them absolute for its own caller
        assertThat(first.get("playUrl").asText()).startsWith("/static/videos/test/").endsWith(".mp4");
        assertThat(first.get("coverUrl").asText()).isEqualTo("/static/defaults/cover.jpg");
        verifyNoInteractions(users, relations, interactions);
    }

    @Test
    void workCountsCountEachUsersVideosIncludingZero() throws Exception {
        insertVideo(1, "a", 1_000);
        insertVideo(1, "b", 2_000);
        insertVideo(2, "c", 3_000);
        JsonNode counts = call("/work-counts", "[3,1,2]");
        assertThat(counts).hasSize(3);
        assertThat(counts.get(0).get("userId").asLong()).isEqualTo(3);
        assertThat(counts.get(0).get("workCount").asLong()).isZero();
        assertThat(counts.get(1).get("userId").asLong()).isEqualTo(1);
        assertThat(counts.get(1).get("workCount").asLong()).isEqualTo(2);
        assertThat(counts.get(2).get("workCount").asLong()).isEqualTo(1);
        verifyNoInteractions(users, relations, interactions);
    }

    @Test
    void aPublishMovesTheWorkCountAtOnceThoughTheOldCountWasCached() throws Exception {
        insertVideo(1, "a", 1_000);
        assertThat(call("/work-counts", "[1]").get(0).get("workCount").asLong()).isEqualTo(1);
        assertThat(redis.opsForValue().get(ReadModelTesting.key(VideoServiceClient.WORK_COUNTS, 1))).isEqualTo("=1");

        insertVideo(1, "b", 2_000);
        assertThat(call("/work-counts", "[1]").get(0).get("workCount").asLong()).isEqualTo(2);
    }

    @Test
    void rowsAreCachedInRedisUnderTheVideoPrefixAndServedFromThere() throws Exception {
        Video a = insertVideo(1, "cached", 1_000);
        call("/rows", "[" + a.id() + "]");
        String key = ReadModelTesting.key(VideoServiceClient.VIDEOS, a.id());
        assertThat(redis.opsForValue().get(key)).startsWith("=").contains("cached");
        assertThat(redis.getExpire(key)).isPositive();

        // rows never change after publishing; with the row gone from MySQL and from memory, Redis still answers
        jdbc.update("DELETE FROM video WHERE id = ?", a.id());
        ReadModelTesting.forgetMemory(readModel);
        JsonNode rows = call("/rows", "[" + a.id() + "]");
        assertThat(ids(rows)).containsExactly(a.id());
        assertThat(rows.get(0).get("title").asText()).isEqualTo("cached");
    }

    @Test
    void aMalformedBodyIsA400WithTheEnvelope() throws Exception {
        mvc.perform(post(VideoServiceClient.PATH + "/rows").contentType(MediaType.APPLICATION_JSON)
                        .content("{not json"))
                .andExpect(status().isBadRequest());
    }

    private JsonNode call(String path, String body) throws Exception {
        return body(mvc.perform(post(VideoServiceClient.PATH + path).contentType(MediaType.APPLICATION_JSON)
                .content(body)).andExpect(status().isOk()));
    }

    private static List<Long> ids(JsonNode rows) {
        List<Long> ids = new ArrayList<>();
        rows.forEach(v -> ids.add(v.get("id").asLong()));
        return ids;
    }
}
