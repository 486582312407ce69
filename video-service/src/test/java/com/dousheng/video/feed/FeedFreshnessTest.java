package com.dousheng.video.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.dousheng.common.api.video.VideoDTO;
import com.dousheng.common.testsupport.ReadModelTesting;
import com.dousheng.video.SecondInstance;
import com.dousheng.video.TestVideos;
import com.dousheng.video.VideoServiceTestBase;
import com.dousheng.video.catalog.Video;
import com.dousheng.video.publish.VideoListResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.mock.web.MockMultipartFile;
import tools.jackson.databind.JsonNode;

/**
 * Issue 10 "Fresh": no read that starts after a publish has returned shows the state before it, on this instance
 * or another one whose feed index, rows and counts were warm; a flushed Redis loses nothing.
 */
class FeedFreshnessTest extends VideoServiceTestBase {
    private static final long T = 1_700_000_000_000L;
    private static final long AUTHOR = 7;

    @Test
    void anUploadIsOnTheVeryNextFeedPublishListAndWorkCountOfThisAndAWarmSecondInstance() throws Exception {
        Video old = insertVideo(AUTHOR, "old", T);
        SecondInstance second = secondInstance();
        // both instances warm: feed index, rows, counts, the author's list
        assertThat(feedIds()).containsExactly(old.id());
        assertThat(ids(second.newest(null).videoList())).containsExactly(old.id());
        assertThat(ids(second.publishListOf(AUTHOR, null).videoList())).containsExactly(old.id());
        assertThat(second.newest(null).videoList().get(0).author().workCount()).isEqualTo(1);
        mvc.perform(get("/douyin/publish/list/").param("user_id", Long.toString(AUTHOR)))
                .andExpect(jsonPath("$.video_list.length()").value(1));

        mvc.perform(multipart("/douyin/publish/action/")
                        .file(new MockMultipartFile("data", "clip.mp4", "video/mp4", TestVideos.h264Mp4()))
                        .param("title", "new").param("token", tokenFor(AUTHOR)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status_code").value(0));
        long fresh = jdbc.queryForObject("SELECT id FROM video WHERE title = 'new'", Long.class);

        JsonNode feed = body(mvc.perform(get("/douyin/feed/")));
        assertThat(ids(feed.get("video_list"))).containsExactly(fresh, old.id());
        assertThat(feed.get("video_list").get(0).get("author").get("work_count").asLong()).isEqualTo(2);
        JsonNode list = body(mvc.perform(get("/douyin/publish/list/").param("user_id", Long.toString(AUTHOR))));
        assertThat(ids(list.get("video_list"))).containsExactly(fresh, old.id());

        FeedResponse secondFeed = second.newest(null);
        assertThat(ids(secondFeed.videoList())).containsExactly(fresh, old.id());
        assertThat(secondFeed.videoList().get(0).title()).isEqualTo("new");
        assertThat(secondFeed.videoList()).allSatisfy(v -> assertThat(v.author().workCount()).isEqualTo(2));
        VideoListResponse secondList = second.publishListOf(AUTHOR, null);
        assertThat(ids(secondList.videoList())).containsExactly(fresh, old.id());
    }

    @Test
    void aVideoRecordedOnASecondInstanceIsOnThisInstancesVeryNextFeed() throws Exception {
        Video old = insertVideo(AUTHOR, "old", T);
        SecondInstance second = secondInstance();
        assertThat(feedIds()).containsExactly(old.id());
        mvc.perform(get("/douyin/publish/list/").param("user_id", Long.toString(AUTHOR)))
                .andExpect(jsonPath("$.video_list[*].author.work_count").value(org.hamcrest.Matchers.contains(1)));

        // the publish flow's steps after storing the files, on the other instance
        Video fresh = recorder.record(AUTHOR, "new", "videos/test/new.mp4", null, T + 10);
        second.catalog.published(second.catalog.toRow(fresh));
        second.feedIndex.published();

        JsonNode feed = body(mvc.perform(get("/douyin/feed/")));
        assertThat(ids(feed.get("video_list"))).containsExactly(fresh.id(), old.id());
        assertThat(feed.get("video_list").get(1).get("author").get("work_count").asLong()).isEqualTo(2);
        JsonNode list = body(mvc.perform(get("/douyin/publish/list/").param("user_id", Long.toString(AUTHOR))));
        assertThat(ids(list.get("video_list"))).containsExactly(fresh.id(), old.id());
    }

    @Test
    void aPublishAfterARedisFlushIsSeenByIndexesThatWereWarmBeforeIt() throws Exception {
        Video first = insertVideo(AUTHOR, "first", T);
        SecondInstance second = secondInstance();
        assertThat(feedIds()).containsExactly(first.id());
        assertThat(ids(second.newest(null).videoList())).containsExactly(first.id());

        ReadModelTesting.flush(redis);
        Video next = insertVideo(AUTHOR, "next", T + 1);

        assertThat(feedIds()).containsExactly(next.id(), first.id());
        assertThat(ids(second.newest(null).videoList())).containsExactly(next.id(), first.id());
    }

    @Test
    void anIndexReadWhileRedisWasDownIsNotTrustedOnceRedisIsBackEmpty() {
        // the videos of this test were published while Redis was down: no clock change reached it
        Video before = recorder.record(AUTHOR, "before", "videos/test/a.mp4", null, T);
        LettuceConnectionFactory down = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", 1));
        down.afterPropertiesSet();
        down.start();
        try {
            SecondInstance second = secondInstance(new StringRedisTemplate(down));
            assertThat(ids(second.newest(null).videoList())).containsExactly(before.id());

            Video during = recorder.record(AUTHOR, "during", "videos/test/b.mp4", null, T + 1);
            ReadModelTesting.flush(redis);

            assertThat(ids(second.newest(null).videoList())).containsExactly(during.id(), before.id());
        } finally {
            down.destroy();
        }
    }

    @Test
    void aFlushOrARestartBetweenTwoRequestsChangesNoAnswer() throws Exception {
        for (int i = 0; i < 12; i++) {
            insertVideo(20 + i % 4, "v" + i, T + i);
        }
        String token = tokenFor(21);
        String anonymous = feed(null);
        String viewed = feed(token);
        String list = publishList(21, token);

        ReadModelTesting.flush(redis);
        assertThat(feed(null)).isEqualTo(anonymous);
        assertThat(feed(token)).isEqualTo(viewed);
        assertThat(publishList(21, token)).isEqualTo(list);

        // a restart with an empty Redis: nothing in memory either
        ReadModelTesting.flush(redis);
        ReadModelTesting.forgetMemory(readModel);
        assertThat(publishList(21, token)).isEqualTo(list);
        assertThat(feed(token)).isEqualTo(viewed);
        assertThat(feed(null)).isEqualTo(anonymous);
        assertThat(json.readTree(viewed).get("video_list")).hasSize(12);
    }

    private String feed(String token) throws Exception {
        var request = get("/douyin/feed/").param("latest_time", Long.toString(T + 100));
        if (token != null) {
            request.param("token", token);
        }
        return mvc.perform(request).andExpect(jsonPath("$.status_code").value(0))
                .andReturn().getResponse().getContentAsString();
    }

    private String publishList(long userId, String token) throws Exception {
        return mvc.perform(get("/douyin/publish/list/").param("user_id", Long.toString(userId)).param("token", token))
                .andExpect(jsonPath("$.status_code").value(0))
                .andReturn().getResponse().getContentAsString();
    }

    private List<Long> feedIds() throws Exception {
        return ids(body(mvc.perform(get("/douyin/feed/"))).get("video_list"));
    }

    private static List<Long> ids(JsonNode videos) {
        List<Long> ids = new java.util.ArrayList<>();
        videos.forEach(v -> ids.add(v.get("id").asLong()));
        return ids;
    }

    private static List<Long> ids(List<VideoDTO> videos) {
        return videos.stream().map(VideoDTO::id).toList();
    }
}
