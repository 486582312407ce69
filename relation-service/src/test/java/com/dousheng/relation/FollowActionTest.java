package com.dousheng.relation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.dousheng.common.api.relation.RelationCounts;
import com.dousheng.common.cache.CacheProperties;
import com.dousheng.common.cache.ReadModel;
import com.dousheng.common.web.ErrorCode;
import com.dousheng.relation.follow.FollowMapper;
import com.dousheng.relation.follow.FollowStatsService;
import com.jayway.jsonpath.JsonPath;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class FollowActionTest extends RelationServiceTestBase {
    @Autowired
    FollowMapper followMapper;
    @Autowired
    CacheProperties cacheProperties;

    @Test
    void followCountsOnceAndUnfollowReverts() throws Exception {
        follow(1, 2);
        follow(1, 2);
        assertThat(followRows()).isEqualTo(1);
        assertThat(stats(null, List.of(1L, 2L))).containsExactly(
                new Stats(1, 1, 0, false), new Stats(2, 0, 1, false));
        assertThat(stats(3L, 2).followedByViewer()).isFalse();
        assertThat(stats(1L, 2).followedByViewer()).isTrue();

        unfollow(1, 2);
        unfollow(1, 2);
        assertThat(followRows()).isZero();
        assertThat(stats(1L, List.of(1L, 2L))).containsExactly(
                new Stats(1, 0, 0, false), new Stats(2, 0, 0, false));
    }

    @Test
    void cachedCountsFollowEveryChange() throws Exception {
        assertThat(stats(null, 2)).isEqualTo(new Stats(2, 0, 0, false));
        assertThat(countsEntry(2)).isEqualTo("=0,0");

        follow(1, 2);
        assertThat(stats(null, 2).followerCount()).isEqualTo(1);
        follow(3, 2);
        assertThat(stats(null, 2).followerCount()).isEqualTo(2);
        assertThat(countsEntry(2)).isEqualTo("=0,2");
        assertThat(stats(3L, 2).followedByViewer()).isTrue();
        assertThat(followsEntry(3, 2)).isEqualTo("=1");
        unfollow(3, 2);
        // the unfollow left tombstones carrying what was served before it
        assertThat(countsEntry(2)).matches("~[0-9a-f]+\\|0,2");
        assertThat(followsEntry(3, 2)).matches("~[0-9a-f]+\\|1");
        assertThat(stats(3L, List.of(1L, 2L))).containsExactly(
                new Stats(1, 1, 0, false), new Stats(2, 0, 1, false));
        assertThat(countsEntry(2)).isEqualTo("=0,1");
    }

    @Test
    void aFollowOrUnfollowIsSeenOnTheVeryNextReadHereAndOnAnotherInstance() throws Exception {
        // another instance of relation-service: its own ReadModel (and memory) over the same Redis and MySQL
        FollowStatsService other = new FollowStatsService(followMapper,
                new ReadModel(redis, cacheProperties, new SimpleMeterRegistry()));
        follow(3, 2);
        // every entry read (and stored) before the write
        assertThat(other.counts(List.of(1L, 2L))).containsExactly(
                new RelationCounts(1, 0, 0), new RelationCounts(2, 0, 1));
        assertThat(other.followedAmong(1, List.of(2L))).isEmpty();
        String before = list("follow", 1L, 3);
        assertThat(JsonPath.<Boolean>read(before, "$.user_list[0].is_follow")).isFalse();
        assertThat(JsonPath.<Integer>read(before, "$.user_list[0].follower_count")).isEqualTo(1);

        follow(1, 2);
        assertThat(other.counts(List.of(1L, 2L))).containsExactly(
                new RelationCounts(1, 1, 0), new RelationCounts(2, 0, 2));
        assertThat(other.followedAmong(1, List.of(2L))).containsExactly(2L);
        String after = list("follow", 1L, 3);
        assertThat(JsonPath.<Boolean>read(after, "$.user_list[0].is_follow")).isTrue();
        assertThat(JsonPath.<Integer>read(after, "$.user_list[0].follower_count")).isEqualTo(2);

        // an unfollow committed on the other instance: this one's very next reads show it
        followMapper.delete(1, 2);
        other.followChanged(1, 2);
        String unfollowed = list("follow", 1L, 3);
        assertThat(JsonPath.<Boolean>read(unfollowed, "$.user_list[0].is_follow")).isFalse();
        assertThat(JsonPath.<Integer>read(unfollowed, "$.user_list[0].follower_count")).isEqualTo(1);
        assertThat(stats(1L, List.of(1L, 2L))).containsExactly(new Stats(1, 0, 0, false), new Stats(2, 0, 1, false));
    }

    @Test
    void countsAreRebuiltFromTheTruthTableAfterARedisFlush() throws Exception {
        follow(1, 2);
        follow(3, 2);
        follow(2, 1);
        assertThat(stats(null, List.of(1L, 2L))).containsExactly(
                new Stats(1, 1, 1, false), new Stats(2, 1, 2, false));

        flushRedis();
        assertThat(stats(3L, List.of(1L, 2L))).containsExactly(
                new Stats(1, 1, 1, false), new Stats(2, 1, 2, true));
        unfollow(3, 2);
        flushRedis();
        follow(4, 1);
        assertThat(stats(null, List.of(1L, 2L, 3L, 4L))).containsExactly(
                new Stats(1, 1, 2, false), new Stats(2, 1, 1, false),
                new Stats(3, 0, 0, false), new Stats(4, 1, 0, false));
    }

    @Test
    void everyRefusalAnswersTheEnvelopeAndChangesNothing() throws Exception {
        follow(1, 2);
        assertThat(stats(null, List.of(1L, 2L))).hasSize(2); // counts cached: a refusal must not touch them either
        assertThat(stats(1L, 2).followedByViewer()).isTrue();
        String cached1 = countsEntry(1);
        String cached2 = countsEntry(2);
        assertThat(cached1).isEqualTo("=1,0");
        assertThat(followsEntry(1, 2)).isEqualTo("=1");
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
        assertThat(countsEntry(1)).isEqualTo(cached1);
        assertThat(countsEntry(2)).isEqualTo(cached2);
        assertThat(followsEntry(1, 2)).isEqualTo("=1");
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
