package com.dousheng.interaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.dousheng.common.api.interaction.InteractionServiceClient;
import com.dousheng.common.api.interaction.UserInteractionStats;
import com.dousheng.common.api.interaction.VideoCounts;
import com.dousheng.common.api.relation.FollowQuery;
import com.dousheng.common.api.video.VideoServiceClient;
import com.dousheng.common.auth.JwtService;
import com.dousheng.common.cache.ReadModel;
import com.dousheng.interaction.counter.InteractionCounts;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.RequestBuilder;
import org.springframework.test.web.servlet.ResultActions;

class FavoriteApiTest extends InteractionTestBase {
    @Autowired
    InteractionCounts counts;
    @Autowired
    JwtService jwt;
    @Autowired
    MeterRegistry meters;

    private ResultActions favorite(long userId, long videoId, int actionType) throws Exception {
        return mvc.perform(as(userId, post("/douyin/favorite/action/")
                .param("video_id", String.valueOf(videoId))
                .param("action_type", String.valueOf(actionType))));
    }

    private void expectOk(ResultActions result) throws Exception {
        result.andExpect(status().isOk()).andExpect(jsonPath("$.status_code").value(0));
    }

    private VideoCounts videoCounts(long videoId) {
        return counts.videoCounts(List.of(videoId)).get(0);
    }

    private boolean likes(long viewerId, long videoId) {
        return counts.likedAmong(viewerId, List.of(videoId)).contains(videoId);
    }

    private UserInteractionStats userStats(long userId) {
        return counts.userStats(List.of(userId)).get(0);
    }

    @Test
    void likeShowsInEveryCounterForTheLikerOnlyOnTheNextReadAndUnlikeRevertsIt() throws Exception {
        video(100, 10);
        // every entry cached before the write: the next read must not serve them
        assertThat(videoCounts(100)).isEqualTo(new VideoCounts(100, 0, 0));
        assertThat(likes(1, 100)).isFalse();
        assertThat(userStats(1)).isEqualTo(new UserInteractionStats(1, 0, 0));
        assertThat(userStats(10)).isEqualTo(new UserInteractionStats(10, 0, 0));
        assertThat(videoEntry(100)).isEqualTo("=0,0");

        expectOk(favorite(1, 100, 1));
        assertThat(videoCounts(100)).isEqualTo(new VideoCounts(100, 1, 0));
        assertThat(likes(1, 100)).isTrue();
        assertThat(likes(2, 100)).isFalse();
        assertThat(userStats(1)).isEqualTo(new UserInteractionStats(1, 1, 0));
        assertThat(userStats(10)).isEqualTo(new UserInteractionStats(10, 0, 1));
        assertThat(rows("favorite", "user_id = 1 AND video_id = 100 AND author_id = 10")).isEqualTo(1);

        expectOk(favorite(1, 100, 2));
        assertThat(videoCounts(100)).isEqualTo(new VideoCounts(100, 0, 0));
        assertThat(likes(1, 100)).isFalse();
        assertThat(userStats(1)).isEqualTo(new UserInteractionStats(1, 0, 0));
        assertThat(userStats(10)).isEqualTo(new UserInteractionStats(10, 0, 0));
        assertThat(rows("favorite")).isZero();
    }

    @Test
    void repeatingALikeOrAnUnlikeSucceedsAndChangesNothing() throws Exception {
        video(100, 10);
        video(101, 10);

        expectOk(favorite(1, 100, 1));
        expectOk(favorite(1, 100, 1));
        assertThat(rows("favorite")).isEqualTo(1);
        assertThat(videoCounts(100).favoriteCount()).isEqualTo(1);
        assertThat(userStats(10).totalFavorited()).isEqualTo(1);

        expectOk(favorite(1, 101, 2));
        expectOk(favorite(1, 100, 2));
        expectOk(favorite(1, 100, 2));
        assertThat(rows("favorite")).isZero();
        assertThat(videoCounts(100).favoriteCount()).isZero();
        assertThat(userStats(1)).isEqualTo(new UserInteractionStats(1, 0, 0));
        assertThat(userStats(10)).isEqualTo(new UserInteractionStats(10, 0, 0));
    }

    @Test
    void aTokenParameterIdentifiesTheCallerWhenNoGatewayHeaderIsThere() throws Exception {
        video(100, 10);
        mvc.perform(post("/douyin/favorite/action/").param("token", jwt.issue(5))
                        .param("video_id", "100").param("action_type", "1"))
                .andExpect(jsonPath("$.status_code").value(0));
        assertThat(rows("favorite", "user_id = 5 AND video_id = 100")).isEqualTo(1);
    }

    @Test
    void favoriteListIsNewestLikeFirstComposedHereWithOneCallPerLeafAndTheViewersFlags() throws Exception {
        // ids of this test only: the rows and profiles are then not yet in this context's memory
        video(200, 20);
        video(201, 21);
        video(202, 22);
        expectOk(favorite(1, 201, 1));
        expectOk(favorite(1, 200, 1));
        expectOk(favorite(1, 202, 1));
        expectOk(favorite(2, 200, 1));
        mvc.perform(as(3, post("/douyin/comment/action/").param("video_id", "202").param("action_type", "1")
                .param("comment_text", "nice"))).andExpect(jsonPath("$.status_code").value(0));
        // each like looked its video up once; the rows are now kept in memory
        verify(videos, times(3)).videos(any());
        doAnswer(inv -> {
            FollowQuery query = inv.getArgument(0);
            return query.viewerId() == 2 ? query.userIds().stream().filter(id -> id == 22).toList() : List.of();
        }).when(relations).followedAmong(any());
        clearInvocations(videos, users, relations);

        mvc.perform(as(2, get("/douyin/favorite/list/").param("user_id", "1")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status_code").value(0))
                .andExpect(jsonPath("$.video_list.length()").value(3))
                .andExpect(jsonPath("$.video_list[0].id").value(202))
                .andExpect(jsonPath("$.video_list[1].id").value(200))
                .andExpect(jsonPath("$.video_list[2].id").value(201))
                .andExpect(jsonPath("$.video_list[0].author.id").value(22))
                .andExpect(jsonPath("$.video_list[0].author.name").value("user22"))
                .andExpect(jsonPath("$.video_list[0].author.follow_count").value(FOLLOWS))
                .andExpect(jsonPath("$.video_list[0].author.follower_count").value(FOLLOWERS))
                .andExpect(jsonPath("$.video_list[0].author.is_follow").value(true))
                .andExpect(jsonPath("$.video_list[0].author.work_count").value(WORKS))
                .andExpect(jsonPath("$.video_list[0].author.total_favorited").value(1))
                .andExpect(jsonPath("$.video_list[0].author.favorite_count").value(0))
                .andExpect(jsonPath("$.video_list[1].author.total_favorited").value(2))
                .andExpect(jsonPath("$.video_list[1].author.is_follow").value(false))
                .andExpect(jsonPath("$.video_list[0].play_url").value("http://media.test/static/202.mp4"))
                .andExpect(jsonPath("$.video_list[0].cover_url").value("http://media.test/static/202.jpg"))
                .andExpect(jsonPath("$.video_list[0].favorite_count").value(1))
                .andExpect(jsonPath("$.video_list[0].comment_count").value(1))
                .andExpect(jsonPath("$.video_list[1].favorite_count").value(2))
                .andExpect(jsonPath("$.video_list[0].title").value("video 202"))
                // is_favorite is the viewer's (2), not the list owner's (1)
                .andExpect(jsonPath("$.video_list[0].is_favorite").value(false))
                .andExpect(jsonPath("$.video_list[1].is_favorite").value(true))
                .andExpect(jsonPath("$.video_list[2].is_favorite").value(false));
        verify(videos, never()).videos(any());
        verify(users, times(1)).profiles(idsIn(20L, 21L, 22L));
        verify(videos, times(1)).workCounts(idsIn(20L, 21L, 22L));
        verify(relations, times(1)).counts(idsIn(20L, 21L, 22L));
        verify(relations, times(1)).followedAmong(any());

        mvc.perform(get("/douyin/favorite/list/").param("user_id", "1"))
                .andExpect(jsonPath("$.status_code").value(0))
                .andExpect(jsonPath("$.video_list.length()").value(3))
                .andExpect(jsonPath("$.video_list[1].is_favorite").value(false))
                .andExpect(jsonPath("$.video_list[0].author.is_follow").value(false));
        // anonymous: nobody's follows are asked for; the authors' profiles are now kept in memory
        verify(relations, times(1)).followedAmong(any());
        verify(relations, times(2)).counts(any());
        verify(users, times(1)).profiles(any());
        verify(videos, never()).videos(any());
    }

    @Test
    void theFavoriteListKeptInRedisFollowsEveryLikeAndUnlikeAtOnce() throws Exception {
        video(240, 24);
        video(241, 24);
        video(242, 24);
        expectOk(favorite(1, 240, 1));
        expectOk(favorite(1, 241, 1));
        assertThat(favoriteListIds(1)).containsExactly(241L, 240L);
        assertThat(redis.opsForValue().get("interaction:liked-videos:1")).isEqualTo("=241,240");

        expectOk(favorite(1, 242, 1));
        assertThat(favoriteListIds(1)).containsExactly(242L, 241L, 240L);
        expectOk(favorite(1, 241, 2));
        assertThat(favoriteListIds(1)).containsExactly(242L, 240L);
        // another user's like leaves user 1's list as it is, and shows in their own
        expectOk(favorite(2, 241, 1));
        assertThat(favoriteListIds(1)).containsExactly(242L, 240L);
        assertThat(favoriteListIds(2)).containsExactly(241L);
        // the table is the truth: a Redis that lost the entry reads it again from there
        flushRedis();
        assertThat(favoriteListIds(1)).containsExactly(242L, 240L);
    }

    @Test
    void theOwnersOwnListShowsEveryVideoLikedWithoutReadingTheirFlags() throws Exception {
        // ids no other test of this context uses: video rows stay in its memory
        video(5250, 52);
        video(5251, 52);
        expectOk(favorite(1, 5250, 1));
        expectOk(favorite(1, 5251, 1));
        String ownFlag = InteractionServiceClient.LIKES.prefix() + ":1:5250";
        String before = redis.opsForValue().get(ownFlag);

        assertThat(favoriteFlags(1L, 1)).containsExactly(true, true);
        assertThat(redis.opsForValue().get(ownFlag)).as("the owner's flag, not read").isEqualTo(before);
        // anyone else sees their own flags, read as always
        assertThat(favoriteFlags(2L, 1)).containsExactly(false, false);
        assertThat(redis.opsForValue().get(InteractionServiceClient.LIKES.prefix() + ":2:5250")).isEqualTo("=0");
        expectOk(favorite(2, 5251, 1));
        assertThat(favoriteFlags(2L, 1)).containsExactly(true, false);
        assertThat(favoriteFlags(null, 1)).containsExactly(false, false);
    }

    private List<Boolean> favoriteFlags(Long viewer, long userId) throws Exception {
        return com.jayway.jsonpath.JsonPath.read(favoriteList(viewer, userId), "$.video_list[*].is_favorite");
    }

    private List<Long> favoriteListIds(long userId) throws Exception {
        return com.jayway.jsonpath.JsonPath.<List<Number>>read(favoriteList(null, userId), "$.video_list[*].id")
                .stream().map(Number::longValue).toList();
    }

    /** The favorite list of {@code userId} as {@code viewer} (null: anonymous) reads it; it must succeed. */
    private String favoriteList(Long viewer, long userId) throws Exception {
        var request = get("/douyin/favorite/list/").param("user_id", String.valueOf(userId));
        return mvc.perform(viewer == null ? request : as(viewer, request))
                .andExpect(jsonPath("$.status_code").value(0))
                .andReturn().getResponse().getContentAsString();
    }

    @Test
    void aUserWithoutLikesHasAnEmptyListAndNoLeafIsAsked() throws Exception {
        mvc.perform(get("/douyin/favorite/list/").param("user_id", "77"))
                .andExpect(jsonPath("$.status_code").value(0))
                .andExpect(jsonPath("$.video_list").isArray())
                .andExpect(jsonPath("$.video_list.length()").value(0));
        verifyNoInteractions(videos, users, relations);
    }

    @Test
    void aWorkCountVideoServiceCannotGiveIsNeverShownAsZero() throws Exception {
        video(230, 23);
        expectOk(favorite(1, 230, 1));
        doThrow(leafDown(VideoServiceClient.PATH + "/work-counts")).when(videos).workCounts(any());

        // nothing known of author 23's work count: the list fails in the envelope instead of showing 0
        mvc.perform(get("/douyin/favorite/list/").param("user_id", "1"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status_code").value(9001));

        // video-service left a tombstone with the last count when its last write committed: that one is served
        redis.opsForValue().set(VideoServiceClient.WORK_COUNTS.prefix() + ":23", "~0123abcd|9");
        double staleBefore = stale(VideoServiceClient.WORK_COUNTS.prefix());
        mvc.perform(get("/douyin/favorite/list/").param("user_id", "1"))
                .andExpect(jsonPath("$.status_code").value(0))
                .andExpect(jsonPath("$.video_list[0].author.work_count").value(9));
        assertThat(stale(VideoServiceClient.WORK_COUNTS.prefix())).isEqualTo(staleBefore + 1);
    }

    @Test
    void everyRefusalAnswersTheEnvelopeAndChangesNothing() throws Exception {
        video(100, 10);
        video(101, 10);
        expectOk(favorite(1, 100, 1));

        refuse("unknown video (like)", as(2, post("/douyin/favorite/action/")
                .param("video_id", "999").param("action_type", "1")), 4001);
        refuse("unknown video (unlike)", as(1, post("/douyin/favorite/action/")
                .param("video_id", "999").param("action_type", "2")), 4001);
        refuse("bad action_type", as(2, post("/douyin/favorite/action/")
                .param("video_id", "100").param("action_type", "3")), 1003);
        refuse("bad action_type on unlike of a liked video", as(1, post("/douyin/favorite/action/")
                .param("video_id", "100").param("action_type", "0")), 1003);
        refuse("action_type abc", as(2, post("/douyin/favorite/action/")
                .param("video_id", "100").param("action_type", "abc")), 1003);
        refuse("video_id abc", as(2, post("/douyin/favorite/action/")
                .param("video_id", "abc").param("action_type", "1")), 1003);
        refuse("missing video_id", as(2, post("/douyin/favorite/action/").param("action_type", "1")), 1002);
        refuse("missing action_type", as(2, post("/douyin/favorite/action/").param("video_id", "101")), 1002);
        refuse("no token", post("/douyin/favorite/action/").param("video_id", "101").param("action_type", "1"), 2001);
        refuse("bad token", post("/douyin/favorite/action/").param("token", "not-a-token")
                .param("video_id", "101").param("action_type", "1"), 2002);
        refuse("wrong method", as(2, get("/douyin/favorite/action/")
                .param("video_id", "101").param("action_type", "1")), 1004);
        refuse("list without user_id", get("/douyin/favorite/list/"), 1002);
        refuse("list with user_id abc", get("/douyin/favorite/list/").param("user_id", "abc"), 1003);

        assertThat(rows("favorite")).isEqualTo(1);
        assertThat(rows("favorite", "user_id = 1 AND video_id = 100")).isEqualTo(1);
        assertThat(videoCounts(100)).isEqualTo(new VideoCounts(100, 1, 0));
        assertThat(likes(1, 100)).isTrue();
        assertThat(videoCounts(101)).isEqualTo(new VideoCounts(101, 0, 0));
        assertThat(likes(2, 101)).isFalse();
        assertThat(userStats(1)).isEqualTo(new UserInteractionStats(1, 1, 0));
        assertThat(userStats(2)).isEqualTo(new UserInteractionStats(2, 0, 0));
        assertThat(userStats(10)).isEqualTo(new UserInteractionStats(10, 0, 1));
    }

    private double stale(String space) {
        var counter = meters.find(ReadModel.STALE_METRIC).tag("space", space).counter();
        return counter == null ? 0 : counter.count();
    }

    private void refuse(String why, RequestBuilder request, int expectedCode) throws Exception {
        refuse("favorite", why, request, expectedCode);
    }
}
