package com.dousheng.user.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.dousheng.common.api.relation.RelationStats;
import com.dousheng.common.api.user.UserBatchQuery;
import com.dousheng.common.api.user.UserDTO;
import com.dousheng.user.UserServiceTestBase;
import com.dousheng.user.account.AccountService;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.connection.RedisConnection;

class InternalUserControllerTest extends UserServiceTestBase {
    @Autowired
    InternalUserController internal;
    @Autowired
    AccountService accountService;

    private List<Long> registerUsers(int count) {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(accountService.register(uniqueName("batch"), "secret123").userId());
        }
        return ids;
    }

    @Test
    void batchKeepsRequestOrderLeavesOutUnknownIdsAndCallsEachOwnerOnce() {
        List<Long> ids = registerUsers(20);
        List<Long> request = new ArrayList<>(ids);
        java.util.Collections.reverse(request);
        request.add(5, 999_999_999L);
        when(relations.userStats(any())).thenAnswer(inv -> ids.stream()
                .map(id -> new RelationStats(id, id % 3, id % 5, id % 2 == 0)).toList());

        List<UserDTO> users = internal.batchUsers(new UserBatchQuery(ids.get(0), request));

        assertThat(users).extracting(UserDTO::id).containsExactlyElementsOf(
                request.stream().filter(id -> id != 999_999_999L).toList());
        UserDTO some = users.get(3);
        assertThat(some.followerCount()).isEqualTo(some.id() % 5);
        assertThat(some.isFollow()).isEqualTo(some.id() % 2 == 0 && some.id() != ids.get(0));
        verify(relations, times(1)).userStats(any());
        verify(videos, times(1)).workCounts(anyList());
        verify(interactions, times(1)).userStats(anyList());
    }

    @Test
    void profilesSurviveARedisFlush() {
        List<Long> ids = registerUsers(2);
        assertThat(internal.batchUsers(new UserBatchQuery(null, ids))).hasSize(2);
        redis.execute((RedisConnection connection) -> {
            connection.serverCommands().flushDb();
            return null;
        });
        List<UserDTO> again = internal.batchUsers(new UserBatchQuery(null, ids));
        assertThat(again).extracting(UserDTO::id).containsExactlyElementsOf(ids);
        assertThat(again.get(0).name()).startsWith("batch");
    }

    @Test
    void existingUserIdsFiltersUnknownOnes() {
        List<Long> ids = registerUsers(2);
        List<Long> asked = new ArrayList<>(ids);
        asked.add(888_888_888L);
        assertThat(internal.existingUserIds(asked)).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(internal.existingUserIds(List.of())).isEmpty();
    }
}
