package com.dousheng.interaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.dousheng.common.api.interaction.UserInteractionStats;
import com.dousheng.common.api.interaction.VideoStats;
import com.dousheng.common.api.video.VideoBatchQuery;
import com.dousheng.common.auth.JwtService;
import com.dousheng.interaction.internal.InteractionStatsService;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.RequestBuilder;
import org.springframework.test.web.servlet.ResultActions;

class FavoriteApiTest extends InteractionTestBase {
    @Autowired
    InteractionStatsService stats;
    @Autowired
    JwtService jwt;

    private ResultActions favorite(long userId, long videoId, int actionType) throws Exception {
        return mvc.perform(as(userId, post("/douyin/favorite/action/")
                .param("video_id", String.valueOf(videoId))
                .param("action_type", String.valueOf(actionType))));
    }

    private void expectOk(ResultActions result) throws Exception {
        result.andExpect(status().isOk()).andExpect(jsonPath("$.status_code").value(0));
    }

    private VideoStats videoStats(Long viewerId, long videoId) {
        return stats.videoStats(viewerId, List.of(videoId)).get(0);
    }

    private UserInteractionStats userStats(long userId) {
        return stats.userStats(List.of(userId)).get(0);
    }

    @Test
    void likeShowsInEveryCounterForTheLikerOnlyAndUnlikeRevertsIt() throws Exception {
        video(100, 10);

        expectOk(favorite(1, 100, 1));
        assertThat(videoStats(1L, 100)).isEqualTo(new VideoStats(100, 1, 0, true));
        assertThat(videoStats(2L, 100)).isEqualTo(new VideoStats(100, 1, 0, false));
        assertThat(videoStats(null, 100)).isEqualTo(new VideoStats(100, 1, 0, false));
        assertThat(userStats(1)).isEqualTo(new UserInteractionStats(1, 1, 0));
        assertThat(userStats(10)).isEqualTo(new UserInteractionStats(10, 0, 1));
        assertThat(rows("favorite", "user_id = 1 AND video_id = 100 AND author_id = 10")).isEqualTo(1);

        expectOk(favorite(1, 100, 2));
        assertThat(videoStats(1L, 100)).isEqualTo(new VideoStats(100, 0, 0, false));
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
        assertThat(videoStats(1L, 100).favoriteCount()).isEqualTo(1);
        assertThat(userStats(10).totalFavorited()).isEqualTo(1);

        expectOk(favorite(1, 101, 2));
        expectOk(favorite(1, 100, 2));
        expectOk(favorite(1, 100, 2));
        assertThat(rows("favorite")).isZero();
        assertThat(videoStats(1L, 100).favoriteCount()).isZero();
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
    void favoriteListIsNewestLikeFirstAsFullVideosSeenByTheViewerInOneCall() throws Exception {
        video(100, 10);
        video(101, 11);
        video(102, 12);
        expectOk(favorite(1, 101, 1));
        expectOk(favorite(1, 100, 1));
        expectOk(favorite(1, 102, 1));
        expectOk(favorite(2, 100, 1));

        mvc.perform(as(2, get("/douyin/favorite/list/").param("user_id", "1")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status_code").value(0))
                .andExpect(jsonPath("$.video_list.length()").value(3))
                .andExpect(jsonPath("$.video_list[0].id").value(102))
                .andExpect(jsonPath("$.video_list[1].id").value(100))
                .andExpect(jsonPath("$.video_list[2].id").value(101))
                .andExpect(jsonPath("$.video_list[0].author.id").value(12))
                .andExpect(jsonPath("$.video_list[0].author.name").value("user12"))
                .andExpect(jsonPath("$.video_list[0].author.total_favorited").value(4))
                .andExpect(jsonPath("$.video_list[0].play_url").value("http://media.test/static/102.mp4"))
                .andExpect(jsonPath("$.video_list[0].cover_url").value("http://media.test/static/102.jpg"))
                .andExpect(jsonPath("$.video_list[0].favorite_count").value(7))
                .andExpect(jsonPath("$.video_list[0].comment_count").value(3))
                .andExpect(jsonPath("$.video_list[0].is_favorite").value(false))
                .andExpect(jsonPath("$.video_list[0].title").value("video 102"));
        // is_favorite is the viewer's: the viewer (2), not the list owner (1), goes to video-service
        verify(videos, times(1)).batchVideos(new VideoBatchQuery(2L, List.of(102L, 100L, 101L)));

        mvc.perform(get("/douyin/favorite/list/").param("user_id", "1"))
                .andExpect(jsonPath("$.status_code").value(0))
                .andExpect(jsonPath("$.video_list.length()").value(3));
        verify(videos, times(1)).batchVideos(new VideoBatchQuery(null, List.of(102L, 100L, 101L)));
        verify(videos, times(2)).batchVideos(any());
    }

    @Test
    void aUserWithoutLikesHasAnEmptyList() throws Exception {
        mvc.perform(get("/douyin/favorite/list/").param("user_id", "77"))
                .andExpect(jsonPath("$.status_code").value(0))
                .andExpect(jsonPath("$.video_list").isArray())
                .andExpect(jsonPath("$.video_list.length()").value(0));
        verify(videos, never()).batchVideos(any());
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
        assertThat(videoStats(1L, 100)).isEqualTo(new VideoStats(100, 1, 0, true));
        assertThat(videoStats(2L, 101)).isEqualTo(new VideoStats(101, 0, 0, false));
        assertThat(userStats(1)).isEqualTo(new UserInteractionStats(1, 1, 0));
        assertThat(userStats(2)).isEqualTo(new UserInteractionStats(2, 0, 0));
        assertThat(userStats(10)).isEqualTo(new UserInteractionStats(10, 0, 1));
    }

    private void refuse(String why, RequestBuilder request, int expectedCode) throws Exception {
        refuse("favorite", why, request, expectedCode);
    }
}
