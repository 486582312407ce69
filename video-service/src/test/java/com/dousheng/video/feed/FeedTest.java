package com.dousheng.video.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.dousheng.common.api.interaction.VideoStatsQuery;
import com.dousheng.common.api.user.UserBatchQuery;
import com.dousheng.common.remote.DegradedCalls;
import com.dousheng.video.VideoServiceTestBase;
import com.dousheng.video.catalog.Video;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;

class FeedTest extends VideoServiceTestBase {
    /** 2023-11-14T22:13:20Z; far enough in the past that "now" is after every test video. */
    private static final long T = 1_700_000_000_000L;

    @Autowired
    MeterRegistry meters;

    @Test
    void pagingThrough70VideosPublishedInTheSameMillisecondHasNoGapsAndNoRepeats() throws Exception {
        // 5 concurrent publishers, all claiming the same millisecond
        List<Video> published = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(5);
        try {
            List<Future<?>> tasks = new ArrayList<>();
            for (int p = 0; p < 5; p++) {
                long author = 100 + p;
                tasks.add(pool.submit(() -> {
                    for (int i = 0; i < 14; i++) {
                        published.add(insertVideo(author, "v", T));
                    }
                }));
            }
            for (Future<?> task : tasks) {
                task.get();
            }
        } finally {
            pool.shutdown();
        }
        List<Long> times = published.stream().map(Video::publishedAt).sorted().toList();
        assertThat(times).hasSize(70).doesNotHaveDuplicates();
        assertThat(times.get(0)).isEqualTo(T);
        assertThat(times.get(69)).isEqualTo(T + 69);

        List<Long> expected = published.stream().sorted(Comparator.comparingLong(Video::publishedAt).reversed())
                .map(Video::id).toList();
        List<Long> seen = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String latestTime = null;
        while (true) {
            JsonNode page = body(latestTime == null ? mvc.perform(get("/douyin/feed/"))
                    : mvc.perform(get("/douyin/feed/").param("latest_time", latestTime)));
            assertThat(page.get("status_code").asInt()).isZero();
            JsonNode list = page.get("video_list");
            if (list.isEmpty()) {
                break;
            }
            pageSizes.add(list.size());
            list.forEach(v -> seen.add(v.get("id").asLong()));
            long oldest = published.stream().filter(v -> v.id() == list.get(list.size() - 1).get("id").asLong())
                    .findFirst().orElseThrow().publishedAt();
            assertThat(page.get("next_time").asLong()).isEqualTo(oldest);
            latestTime = page.get("next_time").asText();
        }
        assertThat(pageSizes).containsExactly(30, 30, 10);
        assertThat(seen).containsExactlyElementsOf(expected);
    }

    @Test
    void latestTimeBelow1e11IsReadAsSecondsAndAboveAsMilliseconds() throws Exception {
        Video a = insertVideo(1, "a", T + 500);
        Video b = insertVideo(1, "b", T + 1_500);
        Video c = insertVideo(1, "c", T + 2_500);
        long seconds = (T + 2_000) / 1000;

        mvc.perform(get("/douyin/feed/").param("latest_time", Long.toString(seconds)))
                .andExpect(jsonPath("$.video_list[*].id").value(contains(
                        (int) b.id(), (int) a.id())))
                .andExpect(jsonPath("$.next_time").value(a.publishedAt()));
        mvc.perform(get("/douyin/feed/").param("latest_time", Long.toString(T + 2_000)))
                .andExpect(jsonPath("$.video_list[*].id").value(contains(
                        (int) b.id(), (int) a.id())));
        mvc.perform(get("/douyin/feed/").param("latest_time", Long.toString(c.publishedAt() + 1)))
                .andExpect(jsonPath("$.video_list[*].id").value(contains(
                        (int) c.id(), (int) b.id(), (int) a.id())));
    }

    @Test
    void absentOrZeroLatestTimeMeansNow() throws Exception {
        insertVideo(1, "old", T);
        Video recent = insertVideo(1, "recent", System.currentTimeMillis() - 1_000);
        for (String latest : new String[] {null, "0", ""}) {
            MockHttpServletRequestBuilder request = get("/douyin/feed/");
            if (latest != null) {
                request.param("latest_time", latest);
            }
            mvc.perform(request)
                    .andExpect(jsonPath("$.status_code").value(0))
                    .andExpect(jsonPath("$.video_list.length()").value(2))
                    .andExpect(jsonPath("$.video_list[0].id").value(recent.id()));
        }
    }

    @Test
    void anEmptyPageAnswersNowAsNextTimeSoTheClientStartsOverFromTheNewest() throws Exception {
        Video only = insertVideo(1, "only", T);
        long before = System.currentTimeMillis();
        JsonNode empty = body(mvc.perform(get("/douyin/feed/").param("latest_time", Long.toString(T))));
        long after = System.currentTimeMillis();

        assertThat(empty.get("status_code").asInt()).isZero();
        assertThat(empty.get("video_list").isArray()).isTrue();
        assertThat(empty.get("video_list")).isEmpty();
        assertThat(empty.get("next_time").asLong()).isBetween(before, after);
        verify(users, times(0)).batchUsers(any());
        verify(interactions, times(0)).videoStats(any());

        mvc.perform(get("/douyin/feed/").param("latest_time", empty.get("next_time").asText()))
                .andExpect(jsonPath("$.video_list[0].id").value(only.id()));
    }

    @Test
    void aFullPageMakesOneCallToEachServiceWhateverItsSize() throws Exception {
        for (int i = 0; i < 35; i++) {
            insertVideo(10 + i % 7, "title " + i, T + i);
        }
        long viewer = 42;
        JsonNode page = body(mvc.perform(get("/douyin/feed/").param("token", tokenFor(viewer))));

        assertThat(page.get("video_list")).hasSize(30);
        ArgumentCaptor<UserBatchQuery> userQuery = ArgumentCaptor.forClass(UserBatchQuery.class);
        ArgumentCaptor<VideoStatsQuery> statsQuery = ArgumentCaptor.forClass(VideoStatsQuery.class);
        verify(users, times(1)).batchUsers(userQuery.capture());
        verify(interactions, times(1)).videoStats(statsQuery.capture());
        assertThat(userQuery.getValue().viewerId()).isEqualTo(viewer);
        assertThat(userQuery.getValue().userIds()).containsExactlyInAnyOrder(10L, 11L, 12L, 13L, 14L, 15L, 16L);
        assertThat(statsQuery.getValue().viewerId()).isEqualTo(viewer);
        assertThat(statsQuery.getValue().videoIds()).hasSize(30);

        for (JsonNode video : page.get("video_list")) {
            long id = video.get("id").asLong();
            long author = jdbc.queryForObject("SELECT author_id FROM video WHERE id = ?", Long.class, id);
            assertThat(video.get("author").get("id").asLong()).isEqualTo(author);
            assertThat(video.get("author").get("name").asText()).isEqualTo("user" + author);
            assertThat(video.get("favorite_count").asLong()).isEqualTo(id % 7 + 1);
            assertThat(video.get("comment_count").asLong()).isEqualTo(id % 3 + 1);
            assertThat(video.get("is_favorite").asBoolean()).isEqualTo(id % 2 == 0);
            assertThat(video.get("title").asText()).startsWith("title ");
            assertThat(video.get("play_url").asText()).matches("http://localhost/static/videos/test/.+\\.mp4");
            assertThat(video.get("cover_url").asText()).isEqualTo("http://localhost/static/defaults/cover.jpg");
        }

        clearInvocations(users, interactions);
        mvc.perform(get("/douyin/feed/").param("latest_time", page.get("next_time").asText()))
                .andExpect(jsonPath("$.video_list.length()").value(5));
        verify(users, times(1)).batchUsers(any());
        verify(interactions, times(1)).videoStats(any());
    }

    @Test
    void anonymousAndInvalidTokensSeeTheFeedAsNobody() throws Exception {
        insertVideo(1, "x", T);
        mvc.perform(get("/douyin/feed/").param("token", "not-a-token"))
                .andExpect(jsonPath("$.status_code").value(0))
                .andExpect(jsonPath("$.video_list[0].is_favorite").value(false));
        ArgumentCaptor<UserBatchQuery> query = ArgumentCaptor.forClass(UserBatchQuery.class);
        verify(users).batchUsers(query.capture());
        assertThat(query.getValue().viewerId()).isNull();
    }

    @Test
    void whenInteractionServiceFailsTheFeedIsServedWithZerosAndTheFailureIsCounted() throws Exception {
        insertVideo(1, "x", T);
        doThrow(unavailable("interaction-service")).when(interactions).videoStats(any());
        double before = failures();

        mvc.perform(get("/douyin/feed/").param("token", tokenFor(7)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status_code").value(0))
                .andExpect(jsonPath("$.video_list.length()").value(1))
                .andExpect(jsonPath("$.video_list[0].favorite_count").value(0))
                .andExpect(jsonPath("$.video_list[0].comment_count").value(0))
                .andExpect(jsonPath("$.video_list[0].is_favorite").value(false))
                .andExpect(jsonPath("$.video_list[0].author.id").value(1));
        assertThat(failures()).isEqualTo(before + 1);
    }

    @Test
    void whenUserServiceFailsTheRequestFailsWithTheEnvelope() throws Exception {
        insertVideo(1, "x", T);
        doThrow(unavailable("user-service")).when(users).batchUsers(any());

        mvc.perform(get("/douyin/feed/"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status_code").value(9001))
                .andExpect(jsonPath("$.status_msg").isNotEmpty());
    }

    @Test
    void urlsUseTheClientsHostPassedOnByTheGateway() throws Exception {
        insertVideo(1, "x", T);
        mvc.perform(get("/douyin/feed/").header("X-Dousheng-Base-Url", "http://192.168.1.10:8080"))
                .andExpect(jsonPath("$.video_list[0].play_url").value(
                        startsWith("http://192.168.1.10:8080/static/videos/")))
                .andExpect(jsonPath("$.video_list[0].cover_url").value(
                        "http://192.168.1.10:8080/static/defaults/cover.jpg"));
    }

    @Test
    void malformedRequestsAnswerTheEnvelope() throws Exception {
        mvc.perform(get("/douyin/feed/").param("latest_time", "abc"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status_code").value(1003))
                .andExpect(jsonPath("$.status_msg").value(containsString("latest_time")));
        mvc.perform(post("/douyin/feed/"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status_code").value(1004));
    }

    private double failures() {
        Counter counter = meters.find(DegradedCalls.FAILURE_METRIC).tag("service", "interaction-service").counter();
        return counter == null ? 0 : counter.count();
    }
}
