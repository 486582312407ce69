package com.dousheng.interaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.dousheng.common.api.interaction.InteractionServiceClient;
import com.dousheng.common.testsupport.SqlStatementCounter;
import com.dousheng.interaction.favorite.FavoriteService;
import com.dousheng.interaction.internal.InteractionStatsService;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

class InternalStatsApiTest extends InteractionTestBase {
    @Autowired
    SqlStatementCounter sql;
    @Autowired
    FavoriteService favorites;
    @Autowired
    InteractionStatsService stats;

    @Test
    void videoStatsAnswerEveryRequestedIdInOrderWithTheViewersLikes() throws Exception {
        video(100, 10);
        video(101, 11);
        favorites.act(1, 100, 1);
        favorites.act(2, 100, 1);
        favorites.act(2, 101, 1);
        clearInvocationsOfRemotes();

        mvc.perform(post(InteractionServiceClient.PATH + "/video-stats").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"viewerId\":1,\"videoIds\":[101,100,999,100]}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(4))
                .andExpect(jsonPath("$[0].videoId").value(101))
                .andExpect(jsonPath("$[0].favoriteCount").value(1))
                .andExpect(jsonPath("$[0].favorite").value(false))
                .andExpect(jsonPath("$[1].videoId").value(100))
                .andExpect(jsonPath("$[1].favoriteCount").value(2))
                .andExpect(jsonPath("$[1].commentCount").value(0))
                .andExpect(jsonPath("$[1].favorite").value(true))
                .andExpect(jsonPath("$[2].videoId").value(999))
                .andExpect(jsonPath("$[2].favoriteCount").value(0))
                .andExpect(jsonPath("$[2].favorite").value(false))
                .andExpect(jsonPath("$[3].videoId").value(100));

        mvc.perform(post(InteractionServiceClient.PATH + "/video-stats").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"viewerId\":null,\"videoIds\":[100]}"))
                .andExpect(jsonPath("$[0].favoriteCount").value(2))
                .andExpect(jsonPath("$[0].favorite").value(false));

        mvc.perform(post(InteractionServiceClient.PATH + "/video-stats").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"viewerId\":1,\"videoIds\":[]}"))
                .andExpect(jsonPath("$.length()").value(0));
        verifyNoInteractions(videos, users);
    }

    @Test
    void userStatsAnswerLikesGivenAndReceived() throws Exception {
        video(100, 10);
        video(101, 10);
        favorites.act(1, 100, 1);
        favorites.act(1, 101, 1);
        favorites.act(10, 100, 1);
        clearInvocationsOfRemotes();

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
        verifyNoInteractions(videos, users);
    }

    @Test
    void aMalformedInternalRequestIsARealHttpErrorForFeign() throws Exception {
        mvc.perform(post(InteractionServiceClient.PATH + "/user-stats").contentType(MediaType.APPLICATION_JSON)
                        .content("{not json"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.status_code").value(1001));
    }

    @Test
    void statsForManyIdsTakeABoundedNumberOfQueries() {
        List<Long> ids = new ArrayList<>();
        for (long id = 1; id <= 300; id++) {
            ids.add(id);
            video(id, 1000 + id % 7);
        }
        favorites.act(5, 7, 1);
        favorites.act(5, 250, 1);

        sql.reset();
        var cold = stats.videoStats(5L, ids);
        // likes per video, comments per video, the viewer's likes among them
        assertThat(sql.count()).isEqualTo(3);
        assertThat(cold).hasSize(300);
        assertThat(cold.get(6).favorite()).isTrue();
        assertThat(cold.get(249).favoriteCount()).isEqualTo(1);

        sql.reset();
        assertThat(stats.videoStats(5L, ids)).isEqualTo(cold);
        assertThat(sql.count()).isEqualTo(1);

        sql.reset();
        stats.videoStats(null, ids);
        assertThat(sql.count()).isZero();

        sql.reset();
        var users = stats.userStats(ids);
        assertThat(sql.count()).isEqualTo(2);
        assertThat(users.get(4).favoriteCount()).isEqualTo(2);
        sql.reset();
        assertThat(stats.userStats(ids)).isEqualTo(users);
        assertThat(sql.count()).isZero();
    }

    private void clearInvocationsOfRemotes() {
        org.mockito.Mockito.clearInvocations(videos, users);
    }
}
