package com.dousheng.interaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.dousheng.common.api.interaction.InteractionServiceClient;
import com.dousheng.common.api.interaction.UserInteractionStats;
import com.dousheng.common.api.interaction.VideoCounts;
import com.dousheng.common.testsupport.SqlStatementCounter;
import com.dousheng.interaction.counter.InteractionCounts;
import com.dousheng.interaction.favorite.FavoriteService;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

/** The leaf API other services compose from: answered from this service's entries and tables, nobody else's. */
class InternalStatsApiTest extends InteractionTestBase {
    @Autowired
    SqlStatementCounter sql;
    @Autowired
    FavoriteService favorites;
    @Autowired
    InteractionCounts counts;

    @Test
    void videoCountsAnswerEachDistinctRequestedIdInOrderWithZerosForUntouchedVideos() throws Exception {
        video(100, 10);
        video(101, 10);
        favorites.act(1, 100, 1);
        favorites.act(2, 100, 1);
        favorites.act(2, 101, 1);
        clearInvocations(videos, users, relations);

        mvc.perform(post(InteractionServiceClient.PATH + "/video-counts").contentType(MediaType.APPLICATION_JSON)
                        .content("[101,100,999,100]"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(3))
                .andExpect(jsonPath("$[0].videoId").value(101))
                .andExpect(jsonPath("$[0].favoriteCount").value(1))
                .andExpect(jsonPath("$[0].commentCount").value(0))
                .andExpect(jsonPath("$[1].videoId").value(100))
                .andExpect(jsonPath("$[1].favoriteCount").value(2))
                .andExpect(jsonPath("$[2].videoId").value(999))
                .andExpect(jsonPath("$[2].favoriteCount").value(0))
                .andExpect(jsonPath("$[2].commentCount").value(0));

        mvc.perform(post(InteractionServiceClient.PATH + "/video-counts").contentType(MediaType.APPLICATION_JSON)
                        .content("[]"))
                .andExpect(jsonPath("$.length()").value(0));
        verifyNoInteractions(videos, users, relations);
    }

    @Test
    void likedAnswersThoseOfTheVideosTheViewerLikes() throws Exception {
        video(100, 10);
        video(101, 10);
        favorites.act(1, 100, 1);
        favorites.act(2, 101, 1);
        clearInvocations(videos, users, relations);

        mvc.perform(post(InteractionServiceClient.PATH + "/liked").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"viewerId\":1,\"videoIds\":[101,100,999,100]}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(1))
                .andExpect(jsonPath("$[0]").value(100));
        mvc.perform(post(InteractionServiceClient.PATH + "/liked").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"viewerId\":3,\"videoIds\":[100,101]}"))
                .andExpect(jsonPath("$.length()").value(0));
        mvc.perform(post(InteractionServiceClient.PATH + "/liked").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"viewerId\":1,\"videoIds\":[]}"))
                .andExpect(jsonPath("$.length()").value(0));
        verifyNoInteractions(videos, users, relations);
    }

    @Test
    void userStatsAnswerLikesGivenAndReceived() throws Exception {
        video(100, 10);
        video(101, 10);
        favorites.act(1, 100, 1);
        favorites.act(1, 101, 1);
        favorites.act(10, 100, 1);
        clearInvocations(videos, users, relations);

        mvc.perform(post(InteractionServiceClient.PATH + "/user-stats").contentType(MediaType.APPLICATION_JSON)
                        .content("[10,1,404]"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(3))
                .andExpect(jsonPath("$[0].userId").value(10))
                .andExpect(jsonPath("$[0].favoriteCount").value(1))
                .andExpect(jsonPath("$[0].totalFavorited").value(3))
                .andExpect(jsonPath("$[1].userId").value(1))
                .andExpect(jsonPath("$[1].favoriteCount").value(2))
                .andExpect(jsonPath("$[1].totalFavorited").value(0))
                .andExpect(jsonPath("$[2].userId").value(404))
                .andExpect(jsonPath("$[2].favoriteCount").value(0))
                .andExpect(jsonPath("$[2].totalFavorited").value(0));
        verifyNoInteractions(videos, users, relations);
    }

    @Test
    void aMalformedInternalRequestIsARealHttpErrorForFeign() throws Exception {
        mvc.perform(post(InteractionServiceClient.PATH + "/user-stats").contentType(MediaType.APPLICATION_JSON)
                        .content("{not json"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.status_code").value(1001));
    }

    @Test
    void countsForManyIdsTakeABoundedNumberOfQueriesAndNoneOnceCached() {
        List<Long> ids = new ArrayList<>();
        for (long id = 1; id <= 300; id++) {
            ids.add(id);
        }
        video(7, 1000);
        video(250, 1000);
        favorites.act(5, 7, 1);
        favorites.act(5, 250, 1);

        sql.reset();
        List<VideoCounts> cold = counts.videoCounts(ids);
        // likes per video, comments per video
        assertThat(sql.count()).isEqualTo(2);
        assertThat(cold).hasSize(300);
        assertThat(cold.get(6)).isEqualTo(new VideoCounts(7, 1, 0));
        assertThat(cold.get(249).favoriteCount()).isEqualTo(1);
        sql.reset();
        assertThat(counts.videoCounts(ids)).isEqualTo(cold);
        assertThat(sql.count()).isZero();

        sql.reset();
        assertThat(counts.likedAmong(5, ids)).containsExactly(7L, 250L);
        assertThat(sql.count()).isEqualTo(1);
        sql.reset();
        assertThat(counts.likedAmong(5, ids)).containsExactly(7L, 250L);
        assertThat(sql.count()).isZero();

        sql.reset();
        List<UserInteractionStats> users = counts.userStats(ids);
        assertThat(sql.count()).isEqualTo(2);
        assertThat(users.get(4)).isEqualTo(new UserInteractionStats(5, 2, 0));
        sql.reset();
        assertThat(counts.userStats(ids)).isEqualTo(users);
        assertThat(sql.count()).isZero();

        // a like invalidates only its own entries: only those are counted again
        favorites.act(6, 7, 1);
        sql.reset();
        List<VideoCounts> after = counts.videoCounts(ids);
        assertThat(sql.count()).isEqualTo(2);
        assertThat(after.get(6)).isEqualTo(new VideoCounts(7, 2, 0));
        assertThat(after.subList(7, 300)).isEqualTo(cold.subList(7, 300));
    }
}
