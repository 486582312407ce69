package com.dousheng.video.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.Mockito.atMost;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.dousheng.common.api.interaction.InteractionServiceClient;
import com.dousheng.common.api.interaction.LikeQuery;
import com.dousheng.common.api.relation.FollowQuery;
import com.dousheng.common.cache.ReadModel;
import com.dousheng.video.VideoServiceTestBase;
import com.dousheng.video.catalog.Video;
import io.micrometer.core.instrument.Counter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;

class FeedTest extends VideoServiceTestBase {
    /** 2023-11-14T22:13:20Z; far enough in the past that "now" is after every test video. */
    private static final long T = 1_700_000_000_000L;

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
    void pagesOlderThanTheFeedIndexKeepsAreQueriedWithNoGapAndNoRepeat() {
        List<Long> expected = new ArrayList<>();
        for (int i = 0; i < 70; i++) {
            expected.add(0, insertVideo(100 + i % 5, "v", T + i).id());
        }
        // an instance whose index holds one page: the second and third pages come from MySQL
        var instance = secondInstanceIndexing(30);
        List<Long> seen = new ArrayList<>();
        Long latest = null;
        for (int page = 0; page < 4; page++) {
            FeedResponse answer = instance.feed.page(latest, null);
            if (answer.videoList().isEmpty()) {
                break;
            }
            answer.videoList().forEach(v -> seen.add(v.id()));
            latest = answer.nextTime();
        }
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
        verifyNoInteractions(users, relations, interactions);

        mvc.perform(get("/douyin/feed/").param("latest_time", empty.get("next_time").asText()))
                .andExpect(jsonPath("$.video_list[0].id").value(only.id()));
    }

    @Test
    void aFullPageMakesOneCallToEachLeafWhateverItsSizeAndComposesEveryField() throws Exception {
        for (int i = 0; i < 35; i++) {
            insertVideo(10 + i % 7, "title " + i, T + i);
        }
        long viewer = 42;
        JsonNode page = body(mvc.perform(get("/douyin/feed/").param("token", tokenFor(viewer))));

        assertThat(page.get("video_list")).hasSize(30);
        List<Long> authors = List.of(10L, 11L, 12L, 13L, 14L, 15L, 16L);
        ArgumentCaptor<List<Long>> profileIds = ids();
        ArgumentCaptor<List<Long>> relationIds = ids();
        ArgumentCaptor<List<Long>> statIds = ids();
        ArgumentCaptor<List<Long>> countIds = ids();
        ArgumentCaptor<FollowQuery> followQuery = ArgumentCaptor.forClass(FollowQuery.class);
        ArgumentCaptor<LikeQuery> likeQuery = ArgumentCaptor.forClass(LikeQuery.class);
        verify(users, times(1)).profiles(profileIds.capture());
        verify(relations, times(1)).counts(relationIds.capture());
        verify(relations, times(1)).followedAmong(followQuery.capture());
        verify(interactions, times(1)).userStats(statIds.capture());
        verify(interactions, times(1)).videoCounts(countIds.capture());
        verify(interactions, times(1)).likedAmong(likeQuery.capture());
        assertThat(profileIds.getValue()).containsExactlyInAnyOrderElementsOf(authors);
        assertThat(relationIds.getValue()).containsExactlyInAnyOrderElementsOf(authors);
        assertThat(statIds.getValue()).containsExactlyInAnyOrderElementsOf(authors);
        assertThat(followQuery.getValue().viewerId()).isEqualTo(viewer);
        assertThat(followQuery.getValue().userIds()).containsExactlyInAnyOrderElementsOf(authors);
        assertThat(countIds.getValue()).hasSize(30);
        assertThat(likeQuery.getValue().viewerId()).isEqualTo(viewer);
        assertThat(likeQuery.getValue().videoIds()).containsExactlyInAnyOrderElementsOf(countIds.getValue());

        for (JsonNode video : page.get("video_list")) {
            long id = video.get("id").asLong();
            long author = jdbc.queryForObject("SELECT author_id FROM video WHERE id = ?", Long.class, id);
            JsonNode user = video.get("author");
            assertThat(user.get("id").asLong()).isEqualTo(author);
            assertThat(user.get("name").asText()).isEqualTo("user" + author);
            assertThat(user.get("follow_count").asLong()).isEqualTo(relationCounts(author).followCount());
            assertThat(user.get("follower_count").asLong()).isEqualTo(relationCounts(author).followerCount());
            assertThat(user.get("is_follow").asBoolean()).isEqualTo(follows(viewer, author));
            assertThat(user.get("avatar").asText()).isEqualTo("http://img/a.png");
            assertThat(user.get("background_image").asText()).isEqualTo("http://img/b.png");
            assertThat(user.get("signature").asText()).isEqualTo("hi");
            assertThat(user.get("total_favorited").asLong()).isEqualTo(userStats(author).totalFavorited());
            assertThat(user.get("favorite_count").asLong()).isEqualTo(userStats(author).favoriteCount());
            // video-service's own count: 35 videos over 7 authors
            assertThat(user.get("work_count").asLong()).isEqualTo(5);
            assertThat(video.get("favorite_count").asLong()).isEqualTo(id % 7 + 1);
            assertThat(video.get("comment_count").asLong()).isEqualTo(id % 3 + 1);
            assertThat(video.get("is_favorite").asBoolean()).isEqualTo(id % 2 == 0);
            assertThat(video.get("title").asText()).startsWith("title ");
            assertThat(video.get("play_url").asText()).matches("http://localhost/static/videos/test/.+\\.mp4");
            assertThat(video.get("cover_url").asText()).isEqualTo("http://localhost/static/defaults/cover.jpg");
        }

        clearInvocations(users, relations, interactions);
        mvc.perform(get("/douyin/feed/").param("latest_time", page.get("next_time").asText())
                        .param("token", tokenFor(viewer)))
                .andExpect(jsonPath("$.video_list.length()").value(5));
        // the authors' entries are warm now: at most one call per leaf, and only the five new videos' counts
        verify(users, atMost(1)).profiles(anyList());
        verify(relations, atMost(1)).counts(anyList());
        verify(relations, atMost(1)).followedAmong(any());
        verify(interactions, atMost(1)).userStats(anyList());
        verify(interactions, times(1)).videoCounts(countIds.capture());
        verify(interactions, times(1)).likedAmong(any());
        assertThat(countIds.getValue()).hasSize(5);
    }

    @Test
    void anonymousAndInvalidTokensSeeTheFeedAsNobody() throws Exception {
        insertVideo(1, "x", T);
        insertVideo(2, "y", T + 1);
        mvc.perform(get("/douyin/feed/").param("token", "not-a-token"))
                .andExpect(jsonPath("$.status_code").value(0))
                .andExpect(jsonPath("$.video_list.length()").value(2))
                .andExpect(jsonPath("$.video_list[*].is_favorite").value(contains(false, false)))
                .andExpect(jsonPath("$.video_list[*].author.is_follow").value(contains(false, false)));
        // nobody's likes or follows are asked for
        verify(interactions, never()).likedAmong(any());
        verify(relations, never()).followedAmong(any());
    }

    @Test
    void whenInteractionServiceFailsTheLastKnownCountsAreServedAndCounted() throws Exception {
        Video video = insertVideo(1, "x", T);
        long liked = video.id() % 7 + 1;
        mvc.perform(get("/douyin/feed/")).andExpect(jsonPath("$.video_list[0].favorite_count").value(liked));
        // a like committed (its owner left a tombstone carrying the count it replaced), then the owner went down
        readModel.invalidation().add(InteractionServiceClient.VIDEO_COUNTS, video.id()).run();
        doThrow(unavailable("interaction-service")).when(interactions).videoCounts(anyList());
        double before = stale(InteractionServiceClient.VIDEO_COUNTS.prefix());

        mvc.perform(get("/douyin/feed/"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status_code").value(0))
                .andExpect(jsonPath("$.video_list.length()").value(1))
                .andExpect(jsonPath("$.video_list[0].favorite_count").value(liked))
                .andExpect(jsonPath("$.video_list[0].comment_count").value(video.id() % 3 + 1))
                .andExpect(jsonPath("$.video_list[0].author.id").value(1));
        assertThat(stale(InteractionServiceClient.VIDEO_COUNTS.prefix())).isEqualTo(before + 1);
    }

    @Test
    void whenInteractionServiceFailsAndNothingIsKnownTheFeedFailsWithTheEnvelopeNeverWithZeros() throws Exception {
        insertVideo(1, "x", T);
        doThrow(unavailable("interaction-service")).when(interactions).videoCounts(anyList());
        double before = stale(InteractionServiceClient.VIDEO_COUNTS.prefix());

        JsonNode answer = body(mvc.perform(get("/douyin/feed/").param("token", tokenFor(7)))
                .andExpect(status().isOk()));
        assertThat(answer.get("status_code").asInt()).isEqualTo(9001);
        assertThat(answer.get("status_msg").asText()).contains("interaction-service").contains("retry");
        assertThat(answer.has("video_list") && !answer.get("video_list").isNull()
                && !answer.get("video_list").isEmpty()).as("no made-up videos").isFalse();
        assertThat(stale(InteractionServiceClient.VIDEO_COUNTS.prefix())).isEqualTo(before);
    }

    @Test
    void whenUserServiceFailsTheRequestFailsWithTheEnvelope() throws Exception {
        insertVideo(1, "x", T);
        doThrow(unavailable("user-service")).when(users).profiles(anyList());

        mvc.perform(get("/douyin/feed/"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status_code").value(9001))
                .andExpect(jsonPath("$.status_msg").value(containsString("user-service")));
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

    private double stale(String space) {
        Counter counter = meters.find(ReadModel.STALE_METRIC).tag("space", space).counter();
        return counter == null ? 0 : counter.count();
    }

    @SuppressWarnings("unchecked")
    private static ArgumentCaptor<List<Long>> ids() {
        return ArgumentCaptor.forClass((Class<List<Long>>) (Class<?>) List.class);
    }
}
