package com.dousheng.video.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.dousheng.common.api.user.UserBatchQuery;
import com.dousheng.common.api.video.VideoServiceClient;
import com.dousheng.video.VideoServiceTestBase;
import com.dousheng.video.catalog.Video;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

class VideoInternalApiTest extends VideoServiceTestBase {

    @Test
    void batchVideosAnswersInRequestOrderLeavesOutUnknownIdsAndCallsEachServiceOnce() throws Exception {
        Video a = insertVideo(1, "a", 1_000);
        Video b = insertVideo(2, "b", 2_000);
        Video c = insertVideo(1, "c", 3_000);

        JsonNode videos = call("/batch", "{\"viewerId\":5,\"videoIds\":[" + c.id() + ",999999," + a.id() + ","
                + b.id() + "]}");
        assertThat(ids(videos)).containsExactly(c.id(), a.id(), b.id());
        assertThat(videos.get(0).get("title").asText()).isEqualTo("c");
        assertThat(videos.get(0).get("author").get("id").asLong()).isEqualTo(1);
        assertThat(videos.get(0).get("is_favorite").asBoolean()).isEqualTo(c.id() % 2 == 0);
        ArgumentCaptor<UserBatchQuery> query = ArgumentCaptor.forClass(UserBatchQuery.class);
        verify(users, times(1)).batchUsers(query.capture());
        assertThat(query.getValue().viewerId()).isEqualTo(5L);
        verify(interactions, times(1)).videoStats(any());
    }

    @Test
    void videoAuthorsLeavesOutUnknownVideos() throws Exception {
        Video a = insertVideo(11, "a", 1_000);
        Video b = insertVideo(12, "b", 2_000);
        JsonNode authors = call("/authors", "[" + b.id() + ",424242," + a.id() + "]");
        assertThat(authors).hasSize(2);
        assertThat(authors.get(0).get("videoId").asLong()).isEqualTo(b.id());
        assertThat(authors.get(0).get("authorId").asLong()).isEqualTo(12);
        assertThat(authors.get(1).get("videoId").asLong()).isEqualTo(a.id());
        assertThat(authors.get(1).get("authorId").asLong()).isEqualTo(11);
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
        assertThat(counts.get(1).get("workCount").asLong()).isEqualTo(2);
        assertThat(counts.get(2).get("workCount").asLong()).isEqualTo(1);
    }

    @Test
    void rowsAreCachedInRedisUnderTheVideoPrefixAndServedFromThere() throws Exception {
        Video a = insertVideo(1, "cached", 1_000);
        call("/authors", "[" + a.id() + "]");
        String key = "video:row:" + a.id();
        assertThat(redis.hasKey(key)).isTrue();
        assertThat(redis.getExpire(key)).isPositive();

        // rows never change after publishing; with the row gone from MySQL, Redis still answers
        jdbc.update("DELETE FROM video WHERE id = ?", a.id());
        JsonNode authors = call("/authors", "[" + a.id() + "]");
        assertThat(authors.get(0).get("videoId").asLong()).isEqualTo(a.id());
    }

    @Test
    void aMalformedBodyIsA400WithTheEnvelope() throws Exception {
        mvc.perform(post(VideoServiceClient.PATH + "/authors").contentType(MediaType.APPLICATION_JSON)
                        .content("{not json"))
                .andExpect(status().isBadRequest());
    }

    private JsonNode call(String path, String body) throws Exception {
        return body(mvc.perform(post(VideoServiceClient.PATH + path).contentType(MediaType.APPLICATION_JSON)
                .content(body)).andExpect(status().isOk()));
    }

    private static List<Long> ids(JsonNode videos) {
        List<Long> ids = new ArrayList<>();
        videos.forEach(v -> ids.add(v.has("id") ? v.get("id").asLong() : v.get("videoId").asLong()));
        return ids;
    }
}
