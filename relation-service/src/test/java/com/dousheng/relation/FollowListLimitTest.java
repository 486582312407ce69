package com.dousheng.relation;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** The three user lists stop at {@code dousheng.relation.list-limit} (the newest), while counts stay whole. */
@TestPropertySource(properties = "dousheng.relation.list-limit=" + FollowListLimitTest.LIMIT)
class FollowListLimitTest extends RelationServiceTestBase {
    static final int LIMIT = 3;
    private static final long OWNER = 1;

    @Test
    void followFollowerAndFriendListsShowTheNewestUpToTheLimit() throws Exception {
        for (long other = 2; other <= 6; other++) {
            follow(OWNER, other);
        }
        for (long other = 2; other <= 5; other++) {
            follow(other, OWNER);   // friends 2..5, completed in that order
        }
        follow(7, OWNER);
        follow(8, OWNER);

        assertThat(ids(list("follow", null, OWNER))).containsExactly(6L, 5L, 4L);
        assertThat(ids(list("follower", null, OWNER))).containsExactly(8L, 7L, 5L);
        assertThat(ids(list("friend", OWNER, OWNER))).containsExactly(5L, 4L, 3L);
        // the counts are not capped
        assertThat(stats(null, OWNER)).isEqualTo(new Stats(OWNER, 5, 6, false));

        // exactly the limit, and one under it
        assertThat(ids(list("follower", null, 6))).containsExactly(OWNER);
        unfollow(OWNER, 6);
        unfollow(OWNER, 5);
        assertThat(ids(list("follow", null, OWNER))).containsExactly(4L, 3L, 2L);
        unfollow(OWNER, 4);
        assertThat(ids(list("follow", null, OWNER))).containsExactly(3L, 2L);
        assertThat(ids(list("friend", OWNER, OWNER))).containsExactly(3L, 2L);
    }

    private static List<Long> ids(String listResponse) {
        assertThat(JsonPath.<Integer>read(listResponse, "$.status_code")).isZero();
        List<Number> ids = JsonPath.read(listResponse, "$.user_list[*].id");
        return ids.stream().map(Number::longValue).toList();
    }
}
