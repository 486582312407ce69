package com.dousheng.video.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;

import com.dousheng.video.VideoServiceTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Issue 10 "A hot read model": once a page has been read, reading it again asks no other service and runs no SQL
 * (the feed index, rows and profiles in memory; counts and flags in Redis), and answers the same.
 */
class WarmReadTest extends VideoServiceTestBase {
    private static final long T = 1_700_000_000_000L;

    @Test
    void aWarmAnonymousFeedPageCallsNoLeafRunsNoSqlAndAnswersTheSame() throws Exception {
        publishThirtyFive();
        assertWarm(get("/douyin/feed/"));
    }

    @Test
    void aWarmFeedPageOfALoggedInViewerCallsNoLeafRunsNoSqlAndAnswersTheSame() throws Exception {
        publishThirtyFive();
        assertWarm(get("/douyin/feed/").param("token", tokenFor(42)));
    }

    @Test
    void aWarmOlderFeedPageIsServedFromTheIndexToo() throws Exception {
        publishThirtyFive();
        assertWarm(get("/douyin/feed/").param("latest_time", Long.toString(T + 10)).param("token", tokenFor(3)));
    }

    @Test
    void aWarmPublishListCallsNoLeafAndRunsNoSql() throws Exception {
        publishThirtyFive();
        assertWarm(get("/douyin/publish/list/").param("user_id", "12").param("token", tokenFor(42)));
    }

    private void publishThirtyFive() {
        for (int i = 0; i < 35; i++) {
            insertVideo(10 + i % 7, "title " + i, T + i);
        }
    }

    private void assertWarm(MockHttpServletRequestBuilder request) throws Exception {
        String first = mvc.perform(request).andExpect(jsonPath("$.status_code").value(0))
                .andExpect(jsonPath("$.video_list.length()").value(org.hamcrest.Matchers.greaterThan(0)))
                .andReturn().getResponse().getContentAsString();
        clearInvocations(users, relations, interactions);
        sql.reset();

        String again = mvc.perform(request).andReturn().getResponse().getContentAsString();

        verifyNoInteractions(users, relations, interactions);
        assertThat(sql.count()).as("SQL statements of the warm read").isZero();
        assertThat(again).isEqualTo(first);
    }
}
