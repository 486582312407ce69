package com.dousheng.relation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.verifyNoMoreInteractions;

import com.dousheng.common.api.interaction.InteractionServiceClient;
import com.dousheng.common.api.message.LatestMessageQuery;
import com.jayway.jsonpath.JsonPath;
import feign.Request;
import feign.RetryableException;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class FollowListTest extends RelationServiceTestBase {
    private static final long OWNER = 1;

    @Test
    void followAndFollowerListsAreNewestFirstWithTheUsersComposedHere() throws Exception {
        follow(OWNER, 3);
        follow(OWNER, 4);
        follow(OWNER, 5);
        follow(6, OWNER);
        follow(3, OWNER);
        follow(9, 3);

        String follows = list("follow", 9L, OWNER);
        assertThat(ids(follows)).containsExactly(5L, 4L, 3L);
        // is_follow is the viewer's (9 follows 3), not the list owner's (who follows all three)
        assertThat(JsonPath.<List<Boolean>>read(follows, "$.user_list[*].is_follow")).containsExactly(false, false, true);
        Map<String, Object> first = JsonPath.read(follows, "$.user_list[0]");
        assertThat(first).containsOnlyKeys("id", "name", "follow_count", "follower_count", "is_follow", "avatar",
                "background_image", "signature", "total_favorited", "work_count", "favorite_count");
        assertThat(first).containsEntry("id", 5).containsEntry("name", "user5").containsEntry("avatar", "http://x/a.png")
                .containsEntry("background_image", "http://x/b.png").containsEntry("signature", "sig5")
                .containsEntry("follow_count", 0).containsEntry("follower_count", 1)
                .containsEntry("total_favorited", (int) TOTAL_FAVORITED).containsEntry("work_count", (int) WORKS)
                .containsEntry("favorite_count", (int) FAVORITES);
        Map<String, Object> third = JsonPath.read(follows, "$.user_list[2]");
        assertThat(third).containsEntry("id", 3).containsEntry("follow_count", 1).containsEntry("follower_count", 2);

        String followers = list("follower", null, OWNER);
        assertThat(ids(followers)).containsExactly(3L, 6L);
        assertThat(JsonPath.<List<Boolean>>read(followers, "$.user_list[*].is_follow")).containsExactly(false, false);
        assertThat(JsonPath.<Integer>read(followers, "$.user_list[1].follow_count")).isEqualTo(1);

        String empty = list("follower", 9L, 77);
        assertThat(JsonPath.<Integer>read(empty, "$.status_code")).isZero();
        assertThat(ids(empty)).isEmpty();
    }

    @Test
    void friendListHoldsMutualFollowsWithTheViewersLatestMessage() throws Exception {
        follow(OWNER, 2);
        follow(2, OWNER);     // friend
        follow(OWNER, 4);     // one-way
        follow(5, OWNER);     // one-way
        follow(3, OWNER);
        follow(OWNER, 3);     // friend, completed last
        long viewer = 8;
        follow(viewer, 3);

        String friends = list("friend", viewer, OWNER);
        assertThat(ids(friends)).containsExactly(3L, 2L);
        Map<String, Object> first = JsonPath.read(friends, "$.user_list[0]");
        assertThat(first).containsEntry("id", 3).containsEntry("name", "user3").containsEntry("is_follow", true)
                .containsEntry("message", "last with 3").containsEntry("msgType", 1);
        assertThat(first).containsKeys("follow_count", "follower_count", "avatar", "background_image", "signature",
                "total_favorited", "work_count", "favorite_count").doesNotContainKey("user");
        assertThat(JsonPath.<Integer>read(friends, "$.user_list[1].msgType")).isZero();

        assertThat(JsonPath.<Boolean>read(friends, "$.user_list[1].is_follow")).isFalse();

        // the latest message is the one between the VIEWER and each friend, not the list owner's
        verify(messages).latestMessages(new LatestMessageQuery(viewer, List.of(3L, 2L)));

        unfollow(2, OWNER);
        assertThat(ids(list("friend", viewer, OWNER))).containsExactly(3L);
    }

    @Test
    void theListsKeptInRedisFollowEveryFollowAndUnfollowOfBothUsersAtOnce() throws Exception {
        follow(OWNER, 2);
        follow(3, OWNER);
        // every list of both users read once, so that each is kept in Redis
        assertThat(ids(list("follow", null, OWNER))).containsExactly(2L);
        assertThat(ids(list("follower", null, OWNER))).containsExactly(3L);
        assertThat(ids(list("friend", OWNER, OWNER))).isEmpty();
        assertThat(ids(list("follow", null, 2))).isEmpty();
        assertThat(ids(list("follower", null, 2))).containsExactly(OWNER);
        assertThat(ids(list("friend", 2L, 2))).isEmpty();
        assertThat(redis.opsForValue().get("relation:followers:2")).isEqualTo("=" + OWNER);

        follow(2, OWNER);
        assertThat(ids(list("follow", null, 2))).containsExactly(OWNER);
        assertThat(ids(list("follower", null, OWNER))).containsExactly(2L, 3L);
        assertThat(ids(list("friend", OWNER, OWNER))).containsExactly(2L);
        assertThat(ids(list("friend", 2L, 2))).containsExactly(OWNER);

        unfollow(OWNER, 2);
        assertThat(ids(list("follow", null, OWNER))).isEmpty();
        assertThat(ids(list("follower", null, 2))).isEmpty();
        assertThat(ids(list("friend", OWNER, OWNER))).isEmpty();
        assertThat(ids(list("friend", 2L, 2))).isEmpty();
        // unchanged by either write
        assertThat(ids(list("follow", null, 3))).containsExactly(OWNER);
    }

    @Test
    void aFriendWithoutMessagesGetsAnEmptyMessageAndTypeZero() throws Exception {
        follow(OWNER, 2);
        follow(2, OWNER);
        doReturn(List.of()).when(messages).latestMessages(any());
        String friends = list("friend", OWNER, OWNER);
        assertThat(JsonPath.<Map<String, Object>>read(friends, "$.user_list[0]"))
                .containsEntry("message", "").containsEntry("msgType", 0);
    }

    @Test
    void listsOfAThousandUsersCostABoundedNumberOfQueriesAndOneCallPerLeaf() throws Exception {
        // ids no other test uses: their profiles are not yet in this context's memory
        int n = 1000;
        Instant base = Instant.parse("2024-01-01T00:00:00Z");
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long other = 1000 + i;
            Timestamp at = Timestamp.from(base.plusSeconds(i));
            rows.add(new Object[] {OWNER, other, at});
            if (i % 2 == 0) {
                rows.add(new Object[] {other, OWNER, at});
            }
        }
        jdbc.batchUpdate("INSERT INTO follow (follower_id, followee_id, created_at) VALUES (?, ?, ?)", rows);
        List<Long> newestFirst = LongStream.range(0, n).map(i -> 1000 + n - 1 - i).boxed().toList();

        sql.reset();
        String follows = list("follow", 5L, OWNER);
        // the list, then for what Redis lacks: follow counts, follower counts, the viewer's follows
        assertThat(sql.count()).isEqualTo(4);
        assertThat(ids(follows)).isEqualTo(newestFirst);
        assertThat(JsonPath.<List<Integer>>read(follows, "$.user_list[*].follower_count")).containsOnly(1);
        verify(users, times(1)).profiles(argThat(ids -> new HashSet<>(ids).equals(new HashSet<>(newestFirst))));
        verify(interactions, times(1)).userStats(any());
        verify(videos, times(1)).workCounts(any());
        verifyNoMoreInteractions(users, interactions, videos);

        // warm: no query at all; the list's members and relation entries from Redis, profiles from memory
        clearInvocations(users, interactions, videos);
        sql.reset();
        assertThat(list("follow", 5L, OWNER)).isEqualTo(follows);
        assertThat(sql.count()).isZero();
        verify(users, never()).profiles(any());

        clearInvocations(users, interactions, videos);
        sql.reset();
        String friends = list("friend", 5L, OWNER);
        assertThat(sql.count()).isEqualTo(1);
        assertThat(ids(friends)).hasSize(n / 2).isEqualTo(newestFirst.stream().filter(id -> id % 2 == 0).toList());
        assertThat(JsonPath.<List<Integer>>read(friends, "$.user_list[*].follow_count")).containsOnly(1);
        verify(interactions, times(1)).userStats(any());
        verify(videos, times(1)).workCounts(any());
        verify(messages, times(1)).latestMessages(any());
        verifyNoMoreInteractions(users, interactions, videos, messages);

        flushRedis();
        sql.reset();
        List<Long> everyone = new ArrayList<>(newestFirst);
        everyone.add(OWNER);
        List<Stats> cold = stats(1003L, everyone);
        assertThat(sql.count()).isEqualTo(3);
        assertThat(cold.get(n)).isEqualTo(new Stats(OWNER, n, n / 2, false));
        sql.reset();
        List<Stats> warm = stats(1003L, everyone);
        assertThat(sql.count()).isZero();
        assertThat(warm).isEqualTo(cold);
        assertThat(warm.get(0)).isEqualTo(new Stats(1999, 0, 1, false));
        assertThat(warm.get(1)).isEqualTo(new Stats(1998, 1, 1, false));
        sql.reset();
        assertThat(stats(OWNER, List.of(1002L, 1003L))).containsExactly(
                new Stats(1002, 1, 1, true), new Stats(1003, 0, 1, true));
        assertThat(sql.count()).isEqualTo(1);
    }

    @Test
    void aListWhoseLikeCountsInteractionServiceCannotGiveFailsInsteadOfShowingZeros() throws Exception {
        follow(OWNER, 2);
        doThrow(new RetryableException(-1, "Read timed out", Request.HttpMethod.POST, (Long) null,
                Request.create(Request.HttpMethod.POST, "http://interaction-service/internal/interactions/user-stats",
                        Map.of(), new byte[0], StandardCharsets.UTF_8, null)))
                .when(interactions).userStats(any());

        String failed = list("follow", null, OWNER);
        assertThat(JsonPath.<Integer>read(failed, "$.status_code")).isEqualTo(9001);
        assertThat(failed).doesNotContain("user_list");

        // interaction-service's last write on user 2 left its tombstone with the counts before it: served instead
        redis.opsForValue().set(InteractionServiceClient.USER_COUNTS.prefix() + ":2", "~77|4,9");
        String served = list("follow", null, OWNER);
        assertThat(JsonPath.<Integer>read(served, "$.status_code")).isZero();
        assertThat(JsonPath.<Integer>read(served, "$.user_list[0].favorite_count")).isEqualTo(4);
        assertThat(JsonPath.<Integer>read(served, "$.user_list[0].total_favorited")).isEqualTo(9);
    }

    @Test
    void countsAndFollowedAnswerEachDistinctRequestedIdInOrderRelativeToTheViewer() throws Exception {
        follow(1, 2);
        follow(2, 1);
        follow(3, 2);
        clearInvocations(users);
        assertThat(stats(1L, List.of(2L, 1L, 99L, 2L))).containsExactly(
                new Stats(2, 1, 2, true), new Stats(1, 1, 1, false), new Stats(99, 0, 0, false));
        assertThat(stats(null, List.of(2L))).containsExactly(new Stats(2, 1, 2, false));
        assertThat(stats(4L, List.of())).isEmpty();
        // never the viewer themself, even when asked
        assertThat(JsonPath.<List<Integer>>read(internal("/followed", "{\"viewerId\":2,\"userIds\":[1,2,3]}"), "$"))
                .containsExactly(1);
        verifyNoInteractions(messages, users, interactions, videos);
    }

    private static List<Long> ids(String listResponse) {
        List<Number> ids = JsonPath.read(listResponse, "$.user_list[*].id");
        return ids.stream().map(Number::longValue).toList();
    }
}
