package com.dousheng.interaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.dousheng.common.api.user.UserBatchQuery;
import com.dousheng.common.api.user.UserDTO;
import com.dousheng.common.api.user.UserServiceClient;
import com.dousheng.common.api.video.VideoAuthor;
import com.dousheng.common.api.video.VideoBatchQuery;
import com.dousheng.common.api.video.VideoDTO;
import com.dousheng.common.api.video.VideoServiceClient;
import com.dousheng.common.auth.AuthHeaders;
import com.dousheng.common.testsupport.SqlStatementCounter;
import com.dousheng.common.testsupport.TestInfrastructure;
import com.dousheng.interaction.counter.CounterKey;
import com.jayway.jsonpath.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * video-service and user-service replaced by fakes at their Feign interfaces.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("it")
@Import(SqlStatementCounter.class)
public abstract class InteractionTestBase {

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "dousheng_interaction_it", 3);
    }

    @MockitoBean
    protected VideoServiceClient videos;
    @MockitoBean
    protected UserServiceClient users;

    @Autowired
    protected MockMvc mvc;
    @Autowired
    protected JdbcTemplate jdbc;
    @Autowired
    protected StringRedisTemplate redis;

    /** video id -> author id: what the fake video-service knows. */
    protected final Map<Long, Long> authorOfVideo = new ConcurrentHashMap<>();

    @BeforeEach
    void resetWorld() {
        jdbc.update("DELETE FROM favorite");
        jdbc.update("DELETE FROM comment");
        flushRedis();
        authorOfVideo.clear();
        when(videos.videoAuthors(anyList())).thenAnswer(inv -> {
            List<Long> ids = inv.getArgument(0);
            List<VideoAuthor> found = new ArrayList<>();
            for (Long id : ids) {
                Long author = authorOfVideo.get(id);
                if (author != null) {
                    found.add(new VideoAuthor(id, author));
                }
            }
            return found;
        });
        when(videos.batchVideos(any())).thenAnswer(inv -> {
            VideoBatchQuery query = inv.getArgument(0);
            List<VideoDTO> found = new ArrayList<>();
            for (Long id : query.videoIds()) {
                Long author = authorOfVideo.get(id);
                if (author != null) {
                    found.add(new VideoDTO(id, user(author), "http://media.test/static/" + id + ".mp4",
                            "http://media.test/static/" + id + ".jpg", 7, 3, false,
                            "video " + id));
                }
            }
            return found;
        });
        when(users.batchUsers(any())).thenAnswer(inv -> {
            UserBatchQuery query = inv.getArgument(0);
            return query.userIds().stream().filter(id -> id < 900_000).map(InteractionTestBase::user).toList();
        });
    }

    /** A full User as the fake user-service returns it; ids from 900000 up do not exist. */
    protected static UserDTO user(long id) {
        return new UserDTO(id, "user" + id, 2, 3, false, "http://media.test/static/avatar.png",
                "http://media.test/static/bg.png", "hi", 4, 5, 6);
    }

    protected void video(long videoId, long authorId) {
        authorOfVideo.put(videoId, authorId);
    }

    protected void flushRedis() {
        redis.execute((RedisCallback<Void>) connection -> {
            connection.serverCommands().flushDb();
            return null;
        });
    }

    protected String cached(CounterKey key) {
        return redis.opsForValue().get(key.countKey());
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
