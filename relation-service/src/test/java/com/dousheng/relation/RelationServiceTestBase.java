package com.dousheng.relation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.dousheng.common.api.interaction.InteractionServiceClient;
import com.dousheng.common.api.interaction.UserInteractionStats;
import com.dousheng.common.api.message.LatestMessage;
import com.dousheng.common.api.message.LatestMessageQuery;
import com.dousheng.common.api.message.MessageServiceClient;
import com.dousheng.common.api.relation.RelationServiceClient;
import com.dousheng.common.api.user.UserProfile;
import com.dousheng.common.api.user.UserServiceClient;
import com.dousheng.common.api.video.UserWorkCount;
import com.dousheng.common.api.video.VideoServiceClient;
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

/**
 * One Spring context for every test of this module: real MariaDB and Redis (db 4), the other services' leaves
 * (user, video, interaction, message) mocked at their Feign interfaces. This service's own leaf
 * ({@link RelationServiceClient}) is its internal controller, as in production. Profiles never change, so the read
 * model keeps them in this context's memory across tests: a test that counts user-service calls uses ids of its own.
 */
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

    /** What every user has in the fake interaction-service and video-service. */
    protected static final long FAVORITES = 3;
    protected static final long TOTAL_FAVORITED = 1;
    protected static final long WORKS = 2;

    @MockitoBean
    protected UserServiceClient users;
    @MockitoBean
    protected MessageServiceClient messages;
    @MockitoBean
    protected VideoServiceClient videos;
    @MockitoBean
    protected InteractionServiceClient interactions;

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
        when(users.profiles(anyList())).thenAnswer(inv -> {
            List<Long> ids = inv.getArgument(0);
            return ids.stream().filter(id -> id > 0 && id < UNKNOWN_USER).map(RelationServiceTestBase::profile)
                    .toList();
        });
        when(videos.workCounts(anyList())).thenAnswer(inv -> {
            List<Long> ids = inv.getArgument(0);
            return ids.stream().map(id -> new UserWorkCount(id, WORKS)).toList();
        });
        when(interactions.userStats(anyList())).thenAnswer(inv -> {
            List<Long> ids = inv.getArgument(0);
            return ids.stream().map(id -> new UserInteractionStats(id, FAVORITES, TOTAL_FAVORITED)).toList();
        });
        when(messages.latestMessages(any())).thenAnswer(inv -> {
            LatestMessageQuery query = inv.getArgument(0);
            return query.peerIds().stream().map(RelationServiceTestBase::latest).toList();
        });
    }

    /** The mocked user-service's profile of {@code id}. */
    protected static UserProfile profile(long id) {
        return new UserProfile(id, "user" + id, "http://x/a.png", "http://x/b.png", "sig" + id);
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

    /** A user's counts and whether the viewer follows them, as the two leaf endpoints answer them. */
    protected record Stats(long userId, long followCount, long followerCount, boolean followedByViewer) {
    }

    /**
     * One entry per distinct id, in request order, from {@code /internal/relations/counts} and (with a viewer)
     * {@code /internal/relations/followed}: the leaf API other services compose users from.
     */
    protected List<Stats> stats(Long viewer, List<Long> ids) throws Exception {
        String counts = internal("/counts", ids.toString());
        List<Number> followed = viewer == null ? List.of()
                : JsonPath.read(internal("/followed", "{\"viewerId\":" + viewer + ",\"userIds\":" + ids + "}"), "$");
        List<Map<String, Object>> rows = JsonPath.read(counts, "$");
        return rows.stream().map(row -> {
            long id = ((Number) row.get("userId")).longValue();
            return new Stats(id, ((Number) row.get("followCount")).longValue(),
                    ((Number) row.get("followerCount")).longValue(),
                    followed.stream().anyMatch(f -> f.longValue() == id));
        }).toList();
    }

    protected Stats stats(Long viewer, long id) throws Exception {
        return stats(viewer, List.of(id)).get(0);
    }

    /** POSTs {@code json} to an internal endpoint of relation-service and returns the answer's body. */
    protected String internal(String path, String json) throws Exception {
        var response = mvc.perform(post(RelationServiceClient.PATH + path).contentType(MediaType.APPLICATION_JSON)
                .content(json)).andReturn().getResponse();
        assertThat(response.getStatus()).as("%s %s", path, json).isEqualTo(200);
        return response.getContentAsString();
    }

    /** The raw read-model entry of user {@code userId}'s counts ({@code =follows,followers} once stored). */
    protected String countsEntry(long userId) {
        return redis.opsForValue().get(RelationServiceClient.COUNTS.prefix() + ":" + userId);
    }

    /** The raw read-model entry of "does {@code viewerId} follow {@code userId}" ({@code =1}/{@code =0}). */
    protected String followsEntry(long viewerId, long userId) {
        return redis.opsForValue().get(RelationServiceClient.FOLLOWS.prefix() + ":" + viewerId + ":" + userId);
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
