package com.dousheng.relation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.verifyNoMoreInteractions;

import com.dousheng.common.api.message.LatestMessageQuery;
import com.dousheng.common.api.relation.RelationStats;
import com.dousheng.common.api.user.UserBatchQuery;
import com.jayway.jsonpath.JsonPath;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

class FollowListTest extends RelationServiceTestBase {
    private static final long OWNER = 1;

    @Test
    void followAndFollowerListsAreNewestFirstWithTheUsersAsUserServiceSeesThem() throws Exception {
        follow(OWNER, 3);
        follow(OWNER, 4);
        follow(OWNER, 5);
        follow(6, OWNER);
        follow(3, OWNER);

        String follows = list("follow", 9L, OWNER);
        assertThat(ids(follows)).containsExactly(5L, 4L, 3L);
        // is_follow is the viewer's, from user-service: passed on, never forced to true
        assertThat(JsonPath.<List<Boolean>>read(follows, "$.user_list[*].is_follow")).containsExactly(false, false, true);
        Map<String, Object> first = JsonPath.read(follows, "$.user_list[0]");
        assertThat(first).containsOnlyKeys("id", "name", "follow_count", "follower_count", "is_follow", "avatar",
                "background_image", "signature", "total_favorited", "work_count", "favorite_count");
        assertThat(first).containsEntry("name", "user5").containsEntry("follower_count", 25);

        ArgumentCaptor<UserBatchQuery> query = ArgumentCaptor.forClass(UserBatchQuery.class);
        verify(users).batchUsers(query.capture());
        assertThat(query.getValue()).isEqualTo(new UserBatchQuery(9L, List.of(5L, 4L, 3L)));

        assertThat(ids(list("follower", null, OWNER))).containsExactly(3L, 6L);
        verify(users, times(2)).batchUsers(query.capture());
        assertThat(query.getValue()).isEqualTo(new UserBatchQuery(null, List.of(3L, 6L)));

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

        String friends = list("friend", viewer, OWNER);
        assertThat(ids(friends)).containsExactly(3L, 2L);
        Map<String, Object> first = JsonPath.read(friends, "$.user_list[0]");
        assertThat(first).containsEntry("id", 3).containsEntry("name", "user3").containsEntry("is_follow", true)
                .containsEntry("message", "last with 3").containsEntry("msgType", 1);
        assertThat(first).containsKeys("follow_count", "follower_count", "avatar", "background_image", "signature",
                "total_favorited", "work_count", "favorite_count").doesNotContainKey("user");
        assertThat(JsonPath.<Integer>read(friends, "$.user_list[1].msgType")).isZero();

        // the latest message is the one between the VIEWER and each friend, not the list owner's
        verify(messages).latestMessages(new LatestMessageQuery(viewer, List.of(3L, 2L)));
        verify(users).batchUsers(new UserBatchQuery(viewer, List.of(3L, 2L)));

        unfollow(2, OWNER);
        assertThat(ids(list("friend", viewer, OWNER))).containsExactly(3L);
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
    void listsOfAThousandUsersCostOneQueryAndOneCallPerService() throws Exception {
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
        assertThat(sql.count()).isEqualTo(1);
        assertThat(ids(follows)).isEqualTo(newestFirst);
        verify(users, times(1)).batchUsers(any());
        verifyNoMoreInteractions(users);

        sql.reset();
        String friends = list("friend", 5L, OWNER);
        assertThat(sql.count()).isEqualTo(1);
        assertThat(ids(friends)).hasSize(n / 2).isEqualTo(newestFirst.stream().filter(id -> id % 2 == 0).toList());
        verify(users, times(2)).batchUsers(any());
        verify(messages, times(1)).latestMessages(any());
        verifyNoMoreInteractions(users, messages);

        sql.reset();
        List<Long> everyone = new ArrayList<>(newestFirst);
        everyone.add(OWNER);
        List<RelationStats> cold = stats(1003L, everyone);
        assertThat(sql.count()).isLessThanOrEqualTo(3);
        assertThat(cold.get(n)).isEqualTo(new RelationStats(OWNER, n, n / 2, false));
        sql.reset();
        List<RelationStats> warm = stats(1003L, everyone);
        assertThat(sql.count()).isLessThanOrEqualTo(1);
        assertThat(warm).isEqualTo(cold);
        assertThat(warm.get(0)).isEqualTo(new RelationStats(1999, 0, 1, false));
        assertThat(warm.get(1)).isEqualTo(new RelationStats(1998, 1, 1, false));
    }

    @Test
    void userStatsAnswerEveryRequestedIdInOrderRelativeToTheViewer() throws Exception {
        follow(1, 2);
        follow(2, 1);
        follow(3, 2);
        assertThat(stats(1L, List.of(2L, 1L, 99L, 2L))).containsExactly(
                new RelationStats(2, 1, 2, true), new RelationStats(1, 1, 1, false),
                new RelationStats(99, 0, 0, false), new RelationStats(2, 1, 2, true));
        assertThat(stats(null, List.of(2L))).containsExactly(new RelationStats(2, 1, 2, false));
        assertThat(stats(4L, List.of())).isEmpty();
        verifyNoInteractions(messages);
    }

    private static List<Long> ids(String listResponse) {
        List<Number> ids = JsonPath.read(listResponse, "$.user_list[*].id");
        return ids.stream().map(Number::longValue).toList();
    }
}
