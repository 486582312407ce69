package com.dousheng.relation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.dousheng.common.api.relation.RelationStats;
import com.dousheng.common.web.ErrorCode;
import com.jayway.jsonpath.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FollowActionTest extends RelationServiceTestBase {

    @Test
    void followCountsOnceAndUnfollowReverts() throws Exception {
        follow(1, 2);
        follow(1, 2);
        assertThat(followRows()).isEqualTo(1);
        assertThat(stats(null, List.of(1L, 2L))).containsExactly(
                new RelationStats(1, 1, 0, false), new RelationStats(2, 0, 1, false));
        assertThat(stats(3L, 2).followedByViewer()).isFalse();
        assertThat(stats(1L, 2).followedByViewer()).isTrue();

        unfollow(1, 2);
        unfollow(1, 2);
        assertThat(followRows()).isZero();
        assertThat(stats(1L, List.of(1L, 2L))).containsExactly(
                new RelationStats(1, 0, 0, false), new RelationStats(2, 0, 0, false));
    }

    @Test
    void cachedCountsFollowEveryChange() throws Exception {
        assertThat(stats(null, 2)).isEqualTo(new RelationStats(2, 0, 0, false));
        assertThat(redis.opsForValue().get("relation:counts:2")).isEqualTo("0:0");

        follow(1, 2);
        assertThat(stats(null, 2).followerCount()).isEqualTo(1);
        follow(3, 2);
        assertThat(stats(null, 2).followerCount()).isEqualTo(2);
        assertThat(redis.opsForValue().get("relation:counts:2")).isEqualTo("0:2");
        unfollow(1, 2);
        assertThat(stats(null, List.of(1L, 2L))).containsExactly(
                new RelationStats(1, 0, 0, false), new RelationStats(2, 0, 1, false));
    }

    @Test
    void countsAreRebuiltFromTheTruthTableAfterARedisFlush() throws Exception {
        follow(1, 2);
        follow(3, 2);
        follow(2, 1);
        assertThat(stats(null, List.of(1L, 2L))).containsExactly(
                new RelationStats(1, 1, 1, false), new RelationStats(2, 1, 2, false));

        flushRedis();
        assertThat(stats(3L, List.of(1L, 2L))).containsExactly(
                new RelationStats(1, 1, 1, false), new RelationStats(2, 1, 2, true));
        unfollow(3, 2);
        flushRedis();
        follow(4, 1);
        assertThat(stats(null, List.of(1L, 2L, 3L, 4L))).containsExactly(
                new RelationStats(1, 1, 2, false), new RelationStats(2, 1, 1, false),
                new RelationStats(3, 0, 0, false), new RelationStats(4, 1, 0, false));
    }

    @Test
    void everyRefusalAnswersTheEnvelopeAndChangesNothing() throws Exception {
        follow(1, 2);
        assertThat(stats(null, List.of(1L, 2L))).hasSize(2); // counts cached: a refusal must not touch them either
        String cached1 = redis.opsForValue().get("relation:counts:1");
        String cached2 = redis.opsForValue().get("relation:counts:2");
        List<Map<String, Object>> before = jdbc.queryForList("SELECT * FROM follow ORDER BY id");

        assertRefused(action(1L, "1", "1"), ErrorCode.CANNOT_FOLLOW_SELF);
        assertRefused(action(1L, "1", "2"), ErrorCode.CANNOT_FOLLOW_SELF);
        assertRefused(action(1L, Long.toString(UNKNOWN_USER + 5), "1"), ErrorCode.USER_NOT_FOUND);
        assertRefused(action(1L, "3", "3"), ErrorCode.INVALID_PARAMETER);
        assertRefused(action(1L, "2", "0"), ErrorCode.INVALID_PARAMETER);
        assertRefused(action(1L, "2", "follow"), ErrorCode.INVALID_PARAMETER);
        assertRefused(action(1L, "two", "2"), ErrorCode.INVALID_PARAMETER);
        assertRefused(action(1L, null, "1"), ErrorCode.MISSING_PARAMETER);
        assertRefused(action(1L, "3", null), ErrorCode.MISSING_PARAMETER);
        assertRefused(action(null, "2", "2"), ErrorCode.LOGIN_REQUIRED);
        assertRefused(JsonPath.read(body(post("/douyin/relation/action/")
                .param("token", "not-a-token").param("to_user_id", "2").param("action_type", "2")), "$"),
                ErrorCode.TOKEN_INVALID);

        assertThat(jdbc.queryForList("SELECT * FROM follow ORDER BY id")).isEqualTo(before);
        assertThat(redis.opsForValue().get("relation:counts:1")).isEqualTo(cached1);
        assertThat(redis.opsForValue().get("relation:counts:2")).isEqualTo(cached2);
    }

    @Test
    void listsOfMalformedRequestsAnswerTheEnvelope() throws Exception {
        Map<String, Object> missing = JsonPath.read(body(
                get("/douyin/relation/follow/list/")), "$");
        assertThat(missing.get("status_code")).isEqualTo(ErrorCode.MISSING_PARAMETER.code());
        Map<String, Object> friendsAnonymous = JsonPath.read(list("friend", null, 2), "$");
        assertThat(friendsAnonymous.get("status_code")).isEqualTo(ErrorCode.LOGIN_REQUIRED.code());
    }

    private static void assertRefused(Map<String, Object> reply, ErrorCode code) {
        assertThat(reply.get("status_code")).as("%s", reply).isEqualTo(code.code());
        assertThat((String) reply.get("status_msg")).isNotBlank();
    }
}
