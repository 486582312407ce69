package com.dousheng.relation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.dousheng.common.api.message.LatestMessage;
import com.dousheng.common.api.message.LatestMessageQuery;
import com.dousheng.common.api.message.MessageServiceClient;
import com.dousheng.common.api.relation.RelationStats;
import com.dousheng.common.api.user.UserBatchQuery;
import com.dousheng.common.api.user.UserDTO;
import com.dousheng.common.api.user.UserServiceClient;
import com.dousheng.common.auth.AuthHeaders;
import com.dousheng.common.testsupport.SqlStatementCounter;
import com.dousheng.common.testsupport.TestInfrastructure;
import com.jayway.jsonpath.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** One Spring context for every test of this module: real MariaDB and Redis (db 4), other services mocked. */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("it")
@Import(SqlStatementCounter.class)
public abstract class RelationServiceTestBase {
    /** Ids from here on are unknown to the mocked user-service. */
    protected static final long UNKNOWN_USER = 1_000_000;

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "dousheng_relation_it", 4);
    }

    @MockitoBean
    protected UserServiceClient users;
    @MockitoBean
    protected MessageServiceClient messages;

    @Autowired
    protected MockMvc mvc;
    @Autowired
    protected JdbcTemplate jdbc;
    @Autowired
    protected StringRedisTemplate redis;
    @Autowired
    protected SqlStatementCounter sql;

    @BeforeEach
    void cleanAndStub() {
        jdbc.update("DELETE FROM follow");
        flushRedis();
        when(users.existingUserIds(anyList())).thenAnswer(inv -> {
            List<Long> ids = inv.getArgument(0);
            return ids.stream().filter(id -> id > 0 && id < UNKNOWN_USER).toList();
        });
        when(users.batchUsers(any())).thenAnswer(inv -> {
            UserBatchQuery query = inv.getArgument(0);
            return query.userIds().stream().filter(id -> id < UNKNOWN_USER).map(RelationServiceTestBase::user).toList();
        });
        when(messages.latestMessages(any())).thenAnswer(inv -> {
            LatestMessageQuery query = inv.getArgument(0);
            return query.peerIds().stream().map(RelationServiceTestBase::latest).toList();
        });
    }

    /** The mocked user-service's User; its is_follow is a marker that lists must pass on untouched. */
    protected static UserDTO user(long id) {
        return new UserDTO(id, "user" + id, 10 + id, 20 + id, id % 3 == 0, "http://x/a.png", "http://x/b.png",
                "sig" + id, 1, 2, 3);
    }

    protected static LatestMessage latest(long peerId) {
        return new LatestMessage(peerId, "last with " + peerId, (int) (peerId % 2));
    }

    protected void flushRedis() {
        redis.execute((RedisCallback<Object>) connection -> {
            flushDb(connection);
            return null;
        });
    }

    private static void flushDb(RedisConnection connection) {
        connection.serverCommands().flushDb();
    }

    protected static MockHttpServletRequestBuilder as(MockHttpServletRequestBuilder request, Long viewer) {
        return viewer == null ? request : request.header(AuthHeaders.USER_ID, viewer);
    }

    /** Sends a relation action and returns the parsed envelope. */
    protected Map<String, Object> action(Long viewer, String toUserId, String actionType) throws Exception {
        MockHttpServletRequestBuilder request = post("/douyin/relation/action/");
        if (toUserId != null) {
            request.param("to_user_id", toUserId);
        }
        if (actionType != null) {
            request.param("action_type", actionType);
        }
        return JsonPath.read(body(as(request, viewer)), "$");
    }

    protected void follow(long viewer, long toUser) throws Exception {
        Map<String, Object> reply = action(viewer, Long.toString(toUser), "1");
        assertThat(reply.get("status_code")).as("follow %d -> %d: %s", viewer, toUser, reply).isEqualTo(0);
    }

    protected void unfollow(long viewer, long toUser) throws Exception {
        Map<String, Object> reply = action(viewer, Long.toString(toUser), "2");
        assertThat(reply.get("status_code")).as("unfollow %d -> %d: %s", viewer, toUser, reply).isEqualTo(0);
    }

    protected String list(String which, Long viewer, long userId) throws Exception {
        return body(as(get("/douyin/relation/" + which + "/list/").param("user_id", Long.toString(userId)), viewer));
    }

    protected List<RelationStats> stats(Long viewer, List<Long> ids) throws Exception {
        String viewerJson = viewer == null ? "null" : viewer.toString();
        String idsJson = ids.toString();
        String reply = mvc.perform(post("/internal/relations/user-stats").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"viewerId\":" + viewerJson + ",\"userIds\":" + idsJson + "}"))
                .andReturn().getResponse().getContentAsString();
        List<Map<String, Object>> rows = JsonPath.read(reply, "$");
        return rows.stream().map(row -> new RelationStats(
                ((Number) row.get("userId")).longValue(),
                ((Number) row.get("followCount")).longValue(),
                ((Number) row.get("followerCount")).longValue(),
                (Boolean) row.get("followedByViewer"))).toList();
    }

    protected RelationStats stats(Long viewer, long id) throws Exception {
        return stats(viewer, List.of(id)).get(0);
    }

    protected String body(MockHttpServletRequestBuilder request) throws Exception {
        var response = mvc.perform(request).andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(200);
        response.setCharacterEncoding("UTF-8");
        return response.getContentAsString();
    }

    protected long followRows() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM follow", Long.class);
    }

    protected long dbFollowCount(long userId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM follow WHERE follower_id = ?", Long.class, userId);
    }

    protected long dbFollowerCount(long userId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM follow WHERE followee_id = ?", Long.class, userId);
    }
}
