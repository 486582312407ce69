package com.dousheng.interaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.dousheng.common.api.interaction.InteractionServiceClient;
import com.dousheng.common.api.relation.FollowQuery;
import com.dousheng.common.api.relation.RelationCounts;
import com.dousheng.common.api.relation.RelationServiceClient;
import com.dousheng.common.api.user.UserProfile;
import com.dousheng.common.api.user.UserServiceClient;
import com.dousheng.common.api.video.UserWorkCount;
import com.dousheng.common.api.video.VideoRow;
import com.dousheng.common.api.video.VideoServiceClient;
import com.dousheng.common.auth.AuthHeaders;
import com.dousheng.common.testsupport.SqlStatementCounter;
import com.dousheng.common.testsupport.TestInfrastructure;
import com.jayway.jsonpath.JsonPath;
import feign.Request;
import feign.RetryableException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * One Spring context for every test of this module: real MariaDB (dousheng_interaction_it) and Redis (index 3),
 * the other services' leaves (video, user, relation) replaced by fakes at their Feign interfaces. This service's
 * own leaf ({@link InteractionServiceClient}) is its internal controller, as in production.
 *
 * <p>Video rows and profiles never change, so the read model keeps them in this context's memory across tests:
 * the fake world below is the same for every test (a video keeps its author for the whole run) and a test that
 * counts calls to video-service or user-service uses ids no other test touches.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("it")
@Import(SqlStatementCounter.class)
public abstract class InteractionTestBase {
    /** Ids from here on are unknown to the fake user-service. */
    protected static final long UNKNOWN_USER = 900_000;
    /** Follow counts every user has in the fake relation-service. */
    protected static final long FOLLOWS = 2;
    protected static final long FOLLOWERS = 3;
    /** Work count every user has in the fake video-service. */
    protected static final long WORKS = 5;

    /** video id -> author id: what the fake video-service knows, for the whole run. */
    private static final Map<Long, Long> AUTHOR_OF_VIDEO = new ConcurrentHashMap<>();

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "dousheng_interaction_it", 3);
    }

    @MockitoBean
    protected VideoServiceClient videos;
    @MockitoBean
    protected UserServiceClient users;
    @MockitoBean
    protected RelationServiceClient relations;

    @Autowired
    protected MockMvc mvc;
    @Autowired
    protected JdbcTemplate jdbc;
    @Autowired
    protected StringRedisTemplate redis;

    @BeforeEach
    void resetWorld() {
        jdbc.update("DELETE FROM favorite");
        jdbc.update("DELETE FROM comment");
        flushRedis();
        when(videos.videos(anyList())).thenAnswer(inv -> {
            List<Long> ids = inv.getArgument(0);
            List<VideoRow> found = new ArrayList<>();
            for (Long id : ids) {
                Long author = AUTHOR_OF_VIDEO.get(id);
                if (author != null) {
                    found.add(new VideoRow(id, author, "http://media.test/static/" + id + ".mp4",
                            "http://media.test/static/" + id + ".jpg", "video " + id, 1_700_000_000_000L + id));
                }
            }
            return found;
        });
        when(videos.workCounts(anyList())).thenAnswer(inv -> {
            List<Long> ids = inv.getArgument(0);
            return ids.stream().map(id -> new UserWorkCount(id, WORKS)).toList();
        });
        when(users.profiles(anyList())).thenAnswer(inv -> {
            List<Long> ids = inv.getArgument(0);
            return ids.stream().filter(id -> id < UNKNOWN_USER).map(InteractionTestBase::profile).toList();
        });
        when(users.existingUserIds(anyList())).thenAnswer(inv -> {
            List<Long> ids = inv.getArgument(0);
            return ids.stream().filter(id -> id < UNKNOWN_USER).toList();
        });
        when(relations.counts(anyList())).thenAnswer(inv -> {
            List<Long> ids = inv.getArgument(0);
            return ids.stream().map(id -> new RelationCounts(id, FOLLOWS, FOLLOWERS)).toList();
        });
        // nobody follows anybody unless a test says so
        when(relations.followedAmong(any(FollowQuery.class))).thenReturn(List.of());
    }

    /** A profile as the fake user-service stores it. */
    protected static UserProfile profile(long id) {
        return new UserProfile(id, "user" + id, "http://media.test/static/avatar.png",
                "http://media.test/static/bg.png", "hi");
    }

    /** Declares a video of the fake video-service; a video keeps its author for the whole run. */
    protected static void video(long videoId, long authorId) {
        Long before = AUTHOR_OF_VIDEO.putIfAbsent(videoId, authorId);
        if (before != null && before != authorId) {
            throw new IllegalStateException("video " + videoId + " is already by " + before
                    + ": video rows never change, and the read model keeps them in memory");
        }
    }

    protected void flushRedis() {
        redis.execute((RedisCallback<Void>) connection -> {
            connection.serverCommands().flushDb();
            return null;
        });
    }

    /** The raw read-model entry ({@code =payload}, {@code ~token|last}, or null) of a space's id. */
    protected String entry(String prefix, long id) {
        return redis.opsForValue().get(prefix + ":" + id);
    }

    /** {@code =likes,comments} when video {@code videoId}'s counts are cached. */
    protected String videoEntry(long videoId) {
        return entry(InteractionServiceClient.VIDEO_COUNTS.prefix(), videoId);
    }

    /** {@code =liked,received} when user {@code userId}'s counts are cached. */
    protected String userEntry(long userId) {
        return entry(InteractionServiceClient.USER_COUNTS.prefix(), userId);
    }

    /** {@code =1} or {@code =0} when it is cached whether {@code viewerId} likes {@code videoId}. */
    protected String likeEntry(long viewerId, long videoId) {
        return redis.opsForValue().get(InteractionServiceClient.LIKES.prefix() + ":" + viewerId + ":" + videoId);
    }

    /** What Feign throws when a leaf does not answer (connection refused, read timeout). */
    protected static RetryableException leafDown(String path) {
        Request request = Request.create(Request.HttpMethod.POST, "http://leaf" + path, Map.of(), new byte[0],
                StandardCharsets.UTF_8, null);
        return new RetryableException(-1, "Connection refused", Request.HttpMethod.POST, (Long) null, request);
    }

    /** A list argument holding exactly these ids, in any order. */
    protected static List<Long> idsIn(Long... ids) {
        Set<Long> expected = Set.of(ids);
        return argThat(list -> list != null && list.size() == expected.size() && new HashSet<>(list).equals(expected));
    }

    /** Sends a request that must be refused in the envelope, with the given code, leaving {@code table} as it was. */
    protected void refuse(String table, String why, RequestBuilder request, int expectedCode) throws Exception {
        long before = rows(table);
        String body = mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat((Integer) JsonPath.read(body, "$.status_code")).as(why + ": " + body).isEqualTo(expectedCode);
        assertThat((String) JsonPath.read(body, "$.status_msg")).as(why).isNotBlank();
        assertThat(rows(table)).as(why + " must not change the " + table + " table").isEqualTo(before);
    }

    protected long rows(String table) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class);
    }

    protected long rows(String table, String where, Object... args) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM " + table + " WHERE " + where, Long.class, args);
    }

    /** The gateway's way of telling a service who the caller is. */
    protected static MockHttpServletRequestBuilder as(long userId, MockHttpServletRequestBuilder request) {
        return request.header(AuthHeaders.USER_ID, String.valueOf(userId));
    }

    /** Runs every task at the same moment (released together by a latch) and waits for all of them. */
    protected static <T> List<T> concurrently(List<Callable<T>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            CountDownLatch ready = new CountDownLatch(tasks.size());
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> task : tasks) {
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return task.call();
                }));
            }
            ready.await(30, TimeUnit.SECONDS);
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(120, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
