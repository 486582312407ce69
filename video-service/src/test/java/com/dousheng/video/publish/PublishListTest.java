package com.dousheng.video.publish;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.mockito.Mockito.verifyNoInteractions;

import com.dousheng.video.VideoServiceTestBase;
import com.dousheng.video.catalog.Video;
import org.junit.jupiter.api.Test;

class PublishListTest extends VideoServiceTestBase {

    @Test
    void listsOnlyThatUsersVideosNewestFirstWithTheViewersState() throws Exception {
        Video a1 = insertVideo(1, "a1", 1_000);
        insertVideo(2, "b1", 2_000);
        Video a2 = insertVideo(1, "a2", 3_000);
        insertVideo(2, "b2", 4_000);

        mvc.perform(get("/douyin/publish/list/").param("user_id", "1").param("token", tokenFor(9)))
                .andExpect(jsonPath("$.status_code").value(0))
                .andExpect(jsonPath("$.video_list[*].id").value(contains((int) a2.id(), (int) a1.id())))
                .andExpect(jsonPath("$.video_list[*].author.id").value(contains(1, 1)))
                .andExpect(jsonPath("$.video_list[*].author.work_count").value(contains(2, 2)))
                .andExpect(jsonPath("$.video_list[0].is_favorite").value(a2.id() % 2 == 0))
                .andExpect(jsonPath("$.video_list[1].is_favorite").value(a1.id() % 2 == 0));
    }

    @Test
    void theListShowsTheNewestVideosUpToItsLimit() throws Exception {
        int limit = videoProperties().publishListLimit();
        long newest = 0;
        for (int i = 0; i <= limit; i++) {
            newest = insertVideo(3, "v" + i, 1_000 + i).id();
        }
        mvc.perform(get("/douyin/publish/list/").param("user_id", "3"))
                .andExpect(jsonPath("$.status_code").value(0))
                .andExpect(jsonPath("$.video_list.length()").value(limit))
                .andExpect(jsonPath("$.video_list[0].id").value(newest))
                .andExpect(jsonPath("$.video_list[0].author.work_count").value(limit + 1));
    }

    @Test
    void aUserWithoutVideosHasAnEmptyListAndCausesNoRemoteCalls() throws Exception {
        insertVideo(1, "a1", 1_000);
        mvc.perform(get("/douyin/publish/list/").param("user_id", "404"))
                .andExpect(jsonPath("$.status_code").value(0))
                .andExpect(jsonPath("$.video_list").isArray())
                .andExpect(jsonPath("$.video_list").isEmpty());
        verifyNoInteractions(users, relations, interactions);
    }

    @Test
    void malformedRequestsAnswerTheEnvelope() throws Exception {
        mvc.perform(get("/douyin/publish/list/").param("user_id", "abc"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status_code").value(1003))
                .andExpect(jsonPath("$.status_msg").value(containsString("user_id")));
        mvc.perform(get("/douyin/publish/list/"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status_code").value(1002))
                .andExpect(jsonPath("$.status_msg").value(containsString("user_id")));
        mvc.perform(post("/douyin/publish/list/").param("user_id", "1"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status_code").value(1004));
        mvc.perform(get("/douyin/publish/action/"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status_code").value(1004));
    }
}
