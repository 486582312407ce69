package com.dousheng.interaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.dousheng.common.api.relation.FollowQuery;
import com.dousheng.common.api.relation.RelationServiceClient;
import com.dousheng.interaction.counter.InteractionCounts;
import com.jayway.jsonpath.JsonPath;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.RequestBuilder;
import org.springframework.test.web.servlet.ResultActions;

class CommentApiTest extends InteractionTestBase {
    @Autowired
    InteractionCounts counts;

    private ResultActions postComment(long userId, long videoId, String text) throws Exception {
        return mvc.perform(as(userId, post("/douyin/comment/action/")
                .param("video_id", String.valueOf(videoId)).param("action_type", "1").param("comment_text", text)));
    }

    private ResultActions deleteComment(long userId, long videoId, long commentId) throws Exception {
        return mvc.perform(as(userId, post("/douyin/comment/action/")
                .param("video_id", String.valueOf(videoId)).param("action_type", "2")
                .param("comment_id", String.valueOf(commentId))));
    }

    private long posted(long userId, long videoId, String text) throws Exception {
        String body = postComment(userId, videoId, text).andExpect(jsonPath("$.status_code").value(0))
                .andReturn().getResponse().getContentAsString();
        return ((Number) JsonPath.read(body, "$.comment.id")).longValue();
    }

    private long commentCount(long videoId) {
        return counts.videoCounts(List.of(videoId)).get(0).commentCount();
    }

    @Test
    void postingReturnsTheStoredCommentTrimmedAndMaskedWithItsAuthorAndDate() throws Exception {
        video(100, 10);
        video(130, 3);
        // user 3 liked one video and got one like: counts this service composes from its own tables
        mvc.perform(as(3, post("/douyin/favorite/action/").param("video_id", "100").param("action_type", "1")));
        mvc.perform(as(4, post("/douyin/favorite/action/").param("video_id", "130").param("action_type", "1")));
        assertThat(rows("favorite")).isEqualTo(2);
        String body = postComment(3, 100, "  nice video, fuck yeah \u3000")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status_code").value(0))
                .andExpect(jsonPath("$.comment.content").value("nice video, **** yeah"))
                .andExpect(jsonPath("$.comment.user.id").value(3))
                .andExpect(jsonPath("$.comment.user.name").value("user3"))
                .andExpect(jsonPath("$.comment.user.follow_count").value(FOLLOWS))
                .andExpect(jsonPath("$.comment.user.follower_count").value(FOLLOWERS))
                .andExpect(jsonPath("$.comment.user.is_follow").value(false))
                .andExpect(jsonPath("$.comment.user.avatar").value("http://media.test/static/avatar.png"))
                .andExpect(jsonPath("$.comment.user.background_image").value("http://media.test/static/bg.png"))
                .andExpect(jsonPath("$.comment.user.signature").value("hi"))
                .andExpect(jsonPath("$.comment.user.total_favorited").value(1))
                .andExpect(jsonPath("$.comment.user.work_count").value(WORKS))
                .andExpect(jsonPath("$.comment.user.favorite_count").value(1))
                .andReturn().getResponse().getContentAsString();

        long id = ((Number) JsonPath.read(body, "$.comment.id")).longValue();
        assertThat(jdbc.queryForObject("SELECT content FROM comment WHERE id = ?", String.class, id))
                .isEqualTo("nice video, **** yeah");
        long createdAt = jdbc.queryForObject("SELECT created_at FROM comment WHERE id = ?", Long.class, id);
        String expectedDate = DateTimeFormatter.ofPattern("MM-dd").withZone(ZoneId.of("Asia/Shanghai"))
                .format(Instant.ofEpochMilli(createdAt));
        assertThat((String) JsonPath.read(body, "$.comment.create_date")).isEqualTo(expectedDate);
        assertThat(commentCount(100)).isEqualTo(1);
        // the commenter is not asked whether they follow themself
        verify(relations, never()).followedAmong(any());
    }

    @Test
    void createDateIsTheDayInTheConfiguredZone() throws Exception {
        // 2024-04-30 20:00 UTC is already May 1st in Shanghai
        long instant = Instant.parse("2024-04-30T20:00:00Z").toEpochMilli();
        jdbc.update("INSERT INTO comment (video_id, user_id, content, created_at) VALUES (100, 3, 'x', ?)", instant);
        mvc.perform(get("/douyin/comment/list/").param("video_id", "100"))
                .andExpect(jsonPath("$.comment_list[0].create_date").value("05-01"));
    }

    @Test
    void listIsNewestFirstReadableWithoutTokenWithUsersFromOneBatchCallPerLeaf() throws Exception {
        // commenters of this test only, so that their profiles are not yet in memory
        video(100, 10);
        video(101, 10);
        long first = posted(303, 100, "first");
        long second = posted(304, 100, "second");
        long third = posted(303, 100, "third");
        posted(305, 101, "elsewhere");
        mvc.perform(as(303, post("/douyin/favorite/action/").param("video_id", "101").param("action_type", "1")));
        // each commenter's profile was fetched once, when they first posted, and is now kept in memory
        verify(users, times(3)).profiles(any());
        clearInvocations(users, relations, videos);

        mvc.perform(get("/douyin/comment/list/").param("video_id", "100"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status_code").value(0))
                .andExpect(jsonPath("$.comment_list.length()").value(3))
                .andExpect(jsonPath("$.comment_list[0].id").value(third))
                .andExpect(jsonPath("$.comment_list[0].content").value("third"))
                .andExpect(jsonPath("$.comment_list[0].user.name").value("user303"))
                .andExpect(jsonPath("$.comment_list[0].user.favorite_count").value(1))
                .andExpect(jsonPath("$.comment_list[0].user.is_follow").value(false))
                .andExpect(jsonPath("$.comment_list[1].id").value(second))
                .andExpect(jsonPath("$.comment_list[1].user.id").value(304))
                .andExpect(jsonPath("$.comment_list[1].user.favorite_count").value(0))
                .andExpect(jsonPath("$.comment_list[2].id").value(first))
                .andExpect(jsonPath("$.comment_list[2].create_date").isString());
        verify(users, never()).profiles(any());
        verify(relations, times(1)).counts(idsIn(303L, 304L));
        verify(videos, times(1)).workCounts(idsIn(303L, 304L));
        verify(relations, never()).followedAmong(any());

        doAnswer(inv -> List.of(304L)).when(relations).followedAmong(any());
        mvc.perform(as(7, get("/douyin/comment/list/").param("video_id", "100")))
                .andExpect(jsonPath("$.comment_list.length()").value(3))
                .andExpect(jsonPath("$.comment_list[0].user.is_follow").value(false))
                .andExpect(jsonPath("$.comment_list[1].user.is_follow").value(true));
        verify(relations, times(1)).followedAmong(argThat((FollowQuery q) -> q.viewerId() == 7
                && Set.copyOf(q.userIds()).equals(Set.of(303L, 304L))));
        verify(relations, times(2)).counts(any());

        clearInvocations(users, relations, videos);
        mvc.perform(get("/douyin/comment/list/").param("video_id", "555"))
                .andExpect(jsonPath("$.status_code").value(0))
                .andExpect(jsonPath("$.comment_list").isArray())
                .andExpect(jsonPath("$.comment_list.length()").value(0));
        verifyNoInteractions(users, relations, videos);
    }

    @Test
    void aRelationServiceThatDoesNotAnswerFailsTheListUnlessALastKnownCountIsCached() throws Exception {
        video(100, 10);
        posted(3, 100, "hello");
        doThrow(leafDown(RelationServiceClient.PATH + "/counts")).when(relations).counts(any());

        // no count of user 3 known: a clear failure, never follow_count 0 with status_code 0
        mvc.perform(get("/douyin/comment/list/").param("video_id", "100"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status_code").value(9001))
                .andExpect(jsonPath("$.comment_list").doesNotExist());

        // relation-service's last write left a tombstone carrying the counts it replaced: served instead
        redis.opsForValue().set(RelationServiceClient.COUNTS.prefix() + ":3", "~5eed|7,8");
        mvc.perform(get("/douyin/comment/list/").param("video_id", "100"))
                .andExpect(jsonPath("$.status_code").value(0))
                .andExpect(jsonPath("$.comment_list[0].user.follow_count").value(7))
                .andExpect(jsonPath("$.comment_list[0].user.follower_count").value(8));
    }

    @Test
    void theAuthorDeletesTheirCommentAndTheCountFollows() throws Exception {
        video(100, 10);
        long kept = posted(3, 100, "kept");
        long gone = posted(3, 100, "gone");
        assertThat(commentCount(100)).isEqualTo(2);

        deleteComment(3, 100, gone)
                .andExpect(jsonPath("$.status_code").value(0))
                .andExpect(jsonPath("$.comment.id").value(gone))
                .andExpect(jsonPath("$.comment.content").value("gone"));
        assertThat(rows("comment")).isEqualTo(1);
        assertThat(rows("comment", "id = ?", kept)).isEqualTo(1);
        assertThat(commentCount(100)).isEqualTo(1);
        mvc.perform(get("/douyin/comment/list/").param("video_id", "100"))
                .andExpect(jsonPath("$.comment_list.length()").value(1))
                .andExpect(jsonPath("$.comment_list[0].id").value(kept));

        // deleting it again is refused as unknown, and counts stay
        refuse("already deleted", as(3, post("/douyin/comment/action/").param("video_id", "100")
                .param("action_type", "2").param("comment_id", String.valueOf(gone))), 5001);
        assertThat(commentCount(100)).isEqualTo(1);
    }

    @Test
    void textOfExactly500CharactersIsAcceptedCountingEmojiAsOne() throws Exception {
        video(100, 10);
        String text = "\uD83D\uDE00".repeat(10) + "a".repeat(490);
        posted(3, 100, text);
        assertThat(jdbc.queryForObject("SELECT content FROM comment", String.class)).isEqualTo(text);
    }

    @Test
    void everyRefusalAnswersTheEnvelopeAndChangesNothing() throws Exception {
        video(100, 10);
        video(101, 10);
        long mine = posted(3, 100, "mine");
        long onOther = posted(4, 101, "on another video");

        refuse("unknown video", as(3, post("/douyin/comment/action/").param("video_id", "999")
                .param("action_type", "1").param("comment_text", "hello")), 4001);
        refuse("unknown comment", as(3, post("/douyin/comment/action/").param("video_id", "100")
                .param("action_type", "2").param("comment_id", "987654")), 5001);
        refuse("someone else's comment", as(4, post("/douyin/comment/action/").param("video_id", "100")
                .param("action_type", "2").param("comment_id", String.valueOf(mine))), 2004);
        refuse("comment of another video", as(4, post("/douyin/comment/action/").param("video_id", "100")
                .param("action_type", "2").param("comment_id", String.valueOf(onOther))), 5001);
        refuse("empty text", as(3, post("/douyin/comment/action/").param("video_id", "100")
                .param("action_type", "1").param("comment_text", "")), 1003);
        refuse("blank text", as(3, post("/douyin/comment/action/").param("video_id", "100")
                .param("action_type", "1").param("comment_text", " \t\u3000 ")), 1003);
        refuse("501 characters", as(3, post("/douyin/comment/action/").param("video_id", "100")
                .param("action_type", "1").param("comment_text", "b".repeat(501))), 1003);
        refuse("missing comment_text", as(3, post("/douyin/comment/action/").param("video_id", "100")
                .param("action_type", "1")), 1002);
        refuse("missing comment_id", as(3, post("/douyin/comment/action/").param("video_id", "100")
                .param("action_type", "2")), 1002);
        refuse("comment_id abc", as(3, post("/douyin/comment/action/").param("video_id", "100")
                .param("action_type", "2").param("comment_id", "abc")), 1003);
        refuse("bad action_type", as(3, post("/douyin/comment/action/").param("video_id", "100")
                .param("action_type", "3").param("comment_text", "hello")), 1003);
        refuse("action_type abc", as(3, post("/douyin/comment/action/").param("video_id", "100")
                .param("action_type", "abc").param("comment_text", "hello")), 1003);
        refuse("missing video_id", as(3, post("/douyin/comment/action/")
                .param("action_type", "1").param("comment_text", "hello")), 1002);
        refuse("video_id abc", as(3, post("/douyin/comment/action/").param("video_id", "abc")
                .param("action_type", "1").param("comment_text", "hello")), 1003);
        refuse("no token", post("/douyin/comment/action/").param("video_id", "100")
                .param("action_type", "1").param("comment_text", "hello"), 2001);
        refuse("no token on delete", post("/douyin/comment/action/").param("video_id", "100")
                .param("action_type", "2").param("comment_id", String.valueOf(mine)), 2001);
        refuse("bad token", post("/douyin/comment/action/").param("token", "forged").param("video_id", "100")
                .param("action_type", "1").param("comment_text", "hello"), 2002);
        refuse("commenter unknown to user-service", as(900_001, post("/douyin/comment/action/")
                .param("video_id", "100").param("action_type", "1").param("comment_text", "hello")), 3003);
        refuse("list without video_id", get("/douyin/comment/list/"), 1002);
        refuse("list with video_id abc", get("/douyin/comment/list/").param("video_id", "abc"), 1003);

        assertThat(rows("comment")).isEqualTo(2);
        assertThat(rows("comment", "id = ? AND video_id = 100 AND user_id = 3", mine)).isEqualTo(1);
        assertThat(rows("comment", "id = ? AND video_id = 101 AND user_id = 4", onOther)).isEqualTo(1);
        assertThat(commentCount(100)).isEqualTo(1);
        assertThat(commentCount(101)).isEqualTo(1);
        assertThat(commentCount(999)).isZero();
    }

    @Test
    void refusedTextIsCheckedBeforeAnyRemoteCall() throws Exception {
        // a video and a commenter this context has never looked up, so either lookup would reach a leaf
        video(140, 10);
        refuse("empty text", as(340, post("/douyin/comment/action/").param("video_id", "140")
                .param("action_type", "1").param("comment_text", "  ")), 1003);
        verifyNoInteractions(videos, users, relations);
    }

    private void refuse(String why, RequestBuilder request, int expectedCode) throws Exception {
        refuse("comment", why, request, expectedCode);
    }
}
