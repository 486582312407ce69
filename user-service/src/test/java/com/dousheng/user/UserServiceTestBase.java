package com.dousheng.user;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.Mockito.when;

import com.dousheng.common.api.interaction.InteractionServiceClient;
import com.dousheng.common.api.interaction.UserInteractionStats;
import com.dousheng.common.api.relation.FollowQuery;
import com.dousheng.common.api.relation.RelationCounts;
import com.dousheng.common.api.relation.RelationServiceClient;
import com.dousheng.common.api.video.UserWorkCount;
import com.dousheng.common.api.video.VideoServiceClient;
import com.dousheng.common.cache.ReadModel;
import com.dousheng.common.testsupport.ReadModelTesting;
import com.dousheng.common.testsupport.TestInfrastructure;
import feign.FeignException;
import feign.Request;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * One Spring context for every user-service test: real MariaDB and Redis, the other services mocked at their Feign
 * interfaces. The mocks answer like the owners' leaves: from the "tables" below (zeros and no follow unless a test
 * puts a value there), through the read model, so that a miss fills Redis as it would in the suite
 * ({@link ReadModelTesting#ownerRead}).
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("it")
public abstract class UserServiceTestBase {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "dousheng_user_it", 1);
    }

    @MockitoBean
    protected RelationServiceClient relations;
    @MockitoBean
    protected VideoServiceClient videos;
    @MockitoBean
    protected InteractionServiceClient interactions;

    @Autowired
    protected MockMvc mvc;
    @Autowired
    protected StringRedisTemplate redis;
    @Autowired
    protected ReadModel readModel;

    /** relation-service's truth: counts by user, and the users each viewer follows. */
    protected final Map<Long, RelationCounts> relationTruth = new ConcurrentHashMap<>();
    protected final Map<Long, Set<Long>> followTruth = new ConcurrentHashMap<>();
    /** video-service's truth: published videos by user. */
    protected final Map<Long, Long> workTruth = new ConcurrentHashMap<>();
    /** interaction-service's truth: likes given and received by user. */
    protected final Map<Long, UserInteractionStats> likeTruth = new ConcurrentHashMap<>();

    private static int sequence;

    @BeforeEach
    void freshReadModel() {
        ReadModelTesting.flush(redis);
        ReadModelTesting.forgetMemory(readModel);
        when(relations.counts(anyList())).thenAnswer(inv -> {
            List<Long> ids = inv.getArgument(0);
            Map<Long, RelationCounts> found = ReadModelTesting.ownerRead(readModel, RelationServiceClient.COUNTS,
                    null, ids, id -> relationTruth.getOrDefault(id, new RelationCounts(id, 0, 0)));
            return ids.stream().distinct()
                    .map(id -> new RelationCounts(id, found.get(id).followCount(), found.get(id).followerCount()))
                    .toList();
        });
        when(relations.followedAmong(any())).thenAnswer(inv -> {
            FollowQuery query = inv.getArgument(0);
            Map<Long, Boolean> found = ReadModelTesting.ownerRead(readModel, RelationServiceClient.FOLLOWS,
                    query.viewerId(), query.userIds(),
                    id -> followTruth.getOrDefault(query.viewerId(), Set.of()).contains(id));
            return query.userIds().stream().distinct().filter(found::get).toList();
        });
        when(videos.workCounts(anyList())).thenAnswer(inv -> {
            List<Long> ids = inv.getArgument(0);
            Map<Long, Long> found = ReadModelTesting.ownerRead(readModel, VideoServiceClient.WORK_COUNTS, null, ids,
                    id -> workTruth.getOrDefault(id, 0L));
            return ids.stream().distinct().map(id -> new UserWorkCount(id, found.get(id))).toList();
        });
        when(interactions.userStats(anyList())).thenAnswer(inv -> {
            List<Long> ids = inv.getArgument(0);
            Map<Long, UserInteractionStats> found = ReadModelTesting.ownerRead(readModel,
                    InteractionServiceClient.USER_COUNTS, null, ids,
                    id -> likeTruth.getOrDefault(id, new UserInteractionStats(id, 0, 0)));
            return ids.stream().distinct().map(id -> new UserInteractionStats(id, found.get(id).favoriteCount(),
                    found.get(id).totalFavorited())).toList();
        });
    }

    /** A username no other test uses, so tests stay independent without wiping the table. */
    protected static synchronized String uniqueName(String prefix) {
        return prefix + System.nanoTime() % 1_000_000_000L + "_" + (sequence++);
    }

    protected static FeignException unavailable(String service) {
        Request request = Request.create(Request.HttpMethod.POST, "http://" + service + "/internal", Map.of(),
                new byte[0], StandardCharsets.UTF_8, null);
        return new FeignException.ServiceUnavailable(service + " is down", request, null, Map.of());
    }
}
