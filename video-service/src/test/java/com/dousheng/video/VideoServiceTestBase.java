package com.dousheng.video;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.Mockito.when;

import com.dousheng.common.api.interaction.InteractionServiceClient;
import com.dousheng.common.api.interaction.LikeQuery;
import com.dousheng.common.api.interaction.UserInteractionStats;
import com.dousheng.common.api.interaction.VideoCounts;
import com.dousheng.common.api.relation.FollowQuery;
import com.dousheng.common.api.relation.RelationCounts;
import com.dousheng.common.api.relation.RelationServiceClient;
import com.dousheng.common.api.user.UserProfile;
import com.dousheng.common.api.user.UserServiceClient;
import com.dousheng.common.auth.JwtService;
import com.dousheng.common.cache.CacheProperties;
import com.dousheng.common.cache.ReadModel;
import com.dousheng.common.testsupport.ReadModelTesting;
import com.dousheng.common.testsupport.SqlStatementCounter;
import com.dousheng.common.testsupport.TestInfrastructure;
import com.dousheng.common.web.PublicUrls;
import com.dousheng.video.catalog.Video;
import com.dousheng.video.catalog.VideoCatalog;
import com.dousheng.video.catalog.VideoMapper;
import com.dousheng.video.feed.FeedIndex;
import com.dousheng.video.publish.VideoRecorder;
import com.dousheng.video.storage.Storage;
import feign.FeignException;
import feign.Request;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One Spring context for every integration test of this module: real MariaDB (dousheng_video_it) and Redis (db 2),
 * media in a temporary directory, user-, relation- and interaction-service mocked at their Feign interfaces. The mocks
 * answer like the owners' leaves do: through the read model, so that a miss fills Redis and the next page is warm
 * ({@link ReadModelTesting#ownerRead}). The upload limit is lowered to 256 KB so that the size refusal needs no large
 * file.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("it")
@Import(SqlStatementCounter.class)
public abstract class VideoServiceTestBase {
    protected static final Path MEDIA_DIR = createMediaDir();
    protected static final String MAX_UPLOAD = "256KB";

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "dousheng_video_it", 2);
        registry.add("dousheng.storage.type", () -> "local");
        registry.add("dousheng.storage.local.dir", MEDIA_DIR::toString);
        registry.add("dousheng.upload.max-size", () -> MAX_UPLOAD);
        // only the pure-Java decoder, whatever this machine has on its PATH (CoverMakerTest covers ffmpeg)
        registry.add("dousheng.video.cover.ffmpeg", () -> "");
    }

    @MockitoBean
    protected UserServiceClient users;
    @MockitoBean
    protected RelationServiceClient relations;
    @MockitoBean
    protected InteractionServiceClient interactions;
    @MockitoSpyBean
    protected VideoRecorder recorder;

    @Autowired
    protected MockMvc mvc;
    @Autowired
    protected JdbcTemplate jdbc;
    @Autowired
    protected StringRedisTemplate redis;
    @Autowired
    protected JwtService jwt;
    @Autowired
    protected JsonMapper json;
    @Autowired
    protected ReadModel readModel;
    @Autowired
    protected VideoCatalog catalog;
    @Autowired
    protected FeedIndex feedIndex;
    @Autowired
    protected SqlStatementCounter sql;
    @Autowired
    protected MeterRegistry meters;
    @Autowired
    private VideoMapper videoMapper;
    @Autowired
    private VideoProperties videoProperties;
    @Autowired
    private CacheProperties cacheProperties;
    @Autowired
    private Storage storage;
    @Autowired
    private PublicUrls publicUrls;
    @Autowired
    private Clock clock;

    @BeforeEach
    void resetState() throws IOException {
        jdbc.update("DELETE FROM video");
        jdbc.update("DELETE FROM pending_upload");
        jdbc.update("UPDATE video_publish_clock SET last_ms = 0 WHERE id = 1");
        ReadModelTesting.flush(redis);
        // a fresh process as far as the read model goes: rows and profiles of earlier tests are not in memory
        ReadModelTesting.forgetMemory(readModel);
        clearMediaDir();
        // every user exists and is described by its id; counts and flags come from the ids (see the truths below)
        when(users.existingUserIds(anyList())).thenAnswer(inv -> inv.getArgument(0));
        when(users.profiles(anyList())).thenAnswer(inv -> {
            List<Long> ids = inv.getArgument(0);
            Map<Long, UserProfile> found = ReadModelTesting.ownerRead(readModel, UserServiceClient.PROFILES, null,
                    ids, VideoServiceTestBase::profile);
            return ids.stream().distinct().filter(found::containsKey).map(found::get).toList();
        });
        when(relations.counts(anyList())).thenAnswer(inv -> {
            List<Long> ids = inv.getArgument(0);
            Map<Long, RelationCounts> found = ReadModelTesting.ownerRead(readModel, RelationServiceClient.COUNTS,
                    null, ids, VideoServiceTestBase::relationCounts);
            return ids.stream().distinct()
                    .map(id -> new RelationCounts(id, found.get(id).followCount(), found.get(id).followerCount()))
                    .toList();
        });
        when(relations.followedAmong(any())).thenAnswer(inv -> {
            FollowQuery query = inv.getArgument(0);
            Map<Long, Boolean> found = ReadModelTesting.ownerRead(readModel, RelationServiceClient.FOLLOWS,
                    query.viewerId(), query.userIds(), id -> follows(query.viewerId(), id));
            return query.userIds().stream().distinct().filter(id -> found.get(id)).toList();
        });
        when(interactions.videoCounts(anyList())).thenAnswer(inv -> {
            List<Long> ids = inv.getArgument(0);
            Map<Long, VideoCounts> found = ReadModelTesting.ownerRead(readModel,
                    InteractionServiceClient.VIDEO_COUNTS, null, ids, VideoServiceTestBase::videoCounts);
            return ids.stream().distinct()
                    .map(id -> new VideoCounts(id, found.get(id).favoriteCount(), found.get(id).commentCount()))
                    .toList();
        });
        when(interactions.userStats(anyList())).thenAnswer(inv -> {
            List<Long> ids = inv.getArgument(0);
            Map<Long, UserInteractionStats> found = ReadModelTesting.ownerRead(readModel,
                    InteractionServiceClient.USER_COUNTS, null, ids, VideoServiceTestBase::userStats);
            return ids.stream().distinct().map(id -> new UserInteractionStats(id, found.get(id).favoriteCount(),
                    found.get(id).totalFavorited())).toList();
        });
        when(interactions.likedAmong(any())).thenAnswer(inv -> {
            LikeQuery query = inv.getArgument(0);
            Map<Long, Boolean> found = ReadModelTesting.ownerRead(readModel, InteractionServiceClient.LIKES,
                    query.viewerId(), query.videoIds(), id -> likes(query.viewerId(), id));
            return query.videoIds().stream().distinct().filter(id -> found.get(id)).toList();
        });
        sql.reset();
    }

    // the other services' truths, as their tables would give them

    protected static UserProfile profile(long id) {
        return new UserProfile(id, "user" + id, "http://img/a.png", "http://img/b.png", "hi");
    }

    protected static RelationCounts relationCounts(long userId) {
        return new RelationCounts(userId, userId % 4 + 1, userId % 5 + 2);
    }

    protected static boolean follows(long viewerId, long userId) {
        return userId % 2 == 1;
    }

    protected static UserInteractionStats userStats(long userId) {
        return new UserInteractionStats(userId, userId % 6 + 5, userId % 9 + 3);
    }

    protected static VideoCounts videoCounts(long videoId) {
        return new VideoCounts(videoId, videoId % 7 + 1, videoId % 3 + 1);
    }

    protected static boolean likes(long viewerId, long videoId) {
        return videoId % 2 == 0;
    }

    /** Another instance of this service: its own memory, this one's MySQL, Redis and mocked services. */
    protected SecondInstance secondInstance() {
        return secondInstance(redis);
    }

    /** The same, its feed index reading and advancing the publish clock through {@code indexRedis}. */
    protected SecondInstance secondInstance(StringRedisTemplate indexRedis) {
        return new SecondInstance(videoMapper, redis, indexRedis, videoProperties, cacheProperties, meters, storage,
                publicUrls, clock, users, relations, interactions);
    }

    /** The same, keeping only {@code feedIndexSize} videos in its feed index. */
    protected SecondInstance secondInstanceIndexing(int feedIndexSize) {
        VideoProperties p = videoProperties;
        VideoProperties small = new VideoProperties(p.maxTitleLength(), p.feedPageSize(), feedIndexSize,
                p.publishListLimit(), p.orphanedUploadGrace(), p.orphanedUploadSweepInterval(), p.cover());
        return new SecondInstance(videoMapper, redis, redis, small, cacheProperties, meters, storage, publicUrls,
                clock, users, relations, interactions);
    }

    protected VideoProperties videoProperties() {
        return videoProperties;
    }

    protected static FeignException unavailable(String service) {
        Request request = Request.create(Request.HttpMethod.POST, "http://" + service + "/internal", Map.of(),
                new byte[0], StandardCharsets.UTF_8, null);
        return new FeignException.ServiceUnavailable(service + " is down", request, null, Map.of());
    }

    /**
     * A video as the publish flow records it, its commit announced to the read model and the feed index as
     * PublishService does (the object keys point nowhere; feed tests do not fetch them).
     */
    protected Video insertVideo(long authorId, String title, long nowMillis) {
        Video video = recorder.record(authorId, title, "videos/test/" + UUID.randomUUID() + ".mp4", null, nowMillis);
        catalog.published(catalog.toRow(video));
        feedIndex.published();
        return video;
    }

    protected String tokenFor(long userId) {
        return jwt.issue(userId);
    }

    protected JsonNode body(ResultActions result) throws Exception {
        return json.readTree(result.andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
    }

    protected long videoRows() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM video", Long.class);
    }

    protected long pendingUploadRows() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM pending_upload", Long.class);
    }

    protected static List<Path> mediaFiles() {
        try (Stream<Path> files = Files.walk(MEDIA_DIR)) {
            return files.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The path part of an absolute URL the service handed out, for fetching it through MockMvc. */
    protected static String pathOf(String url) {
        return URI.create(url).getRawPath();
    }

    private static void clearMediaDir() throws IOException {
        try (Stream<Path> files = Files.walk(MEDIA_DIR)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                if (!p.equals(MEDIA_DIR)) {
                    Files.delete(p);
                }
            }
        }
    }

    private static Path createMediaDir() {
        try {
            // nested, so that tests can put a file next to (outside) the media directory
            return Files.createDirectories(Files.createTempDirectory("dousheng-video-it-").resolve("media"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
