package com.dousheng.video;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.Mockito.when;

import com.dousheng.common.api.interaction.InteractionServiceClient;
import com.dousheng.common.api.interaction.VideoStats;
import com.dousheng.common.api.interaction.VideoStatsQuery;
import com.dousheng.common.api.user.UserBatchQuery;
import com.dousheng.common.api.user.UserDTO;
import com.dousheng.common.api.user.UserServiceClient;
import com.dousheng.common.auth.JwtService;
import com.dousheng.common.testsupport.TestInfrastructure;
import com.dousheng.video.catalog.Video;
import com.dousheng.video.publish.VideoRecorder;
import feign.FeignException;
import feign.Request;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.data.redis.core.RedisCallback;
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
 * media in a temporary directory, user- and interaction-service mocked at their Feign interfaces. The upload limit
 * is lowered to 256 KB so that the size refusal needs no large file.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("it")
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

    @BeforeEach
    void resetState() throws IOException {
        jdbc.update("DELETE FROM video");
        jdbc.update("DELETE FROM pending_upload");
        jdbc.update("UPDATE video_publish_clock SET last_ms = 0 WHERE id = 1");
        redis.execute((RedisCallback<Object>) connection -> {
            connection.serverCommands().flushDb();
            return null;
        });
        clearMediaDir();
        // every user exists and is described by its id; counts come from the video id
        when(users.existingUserIds(anyList())).thenAnswer(inv -> inv.getArgument(0));
        when(users.batchUsers(any())).thenAnswer(inv -> {
            UserBatchQuery query = inv.getArgument(0);
            return query.userIds().stream().map(VideoServiceTestBase::user).toList();
        });
        when(interactions.videoStats(any())).thenAnswer(inv -> {
            VideoStatsQuery query = inv.getArgument(0);
            return query.videoIds().stream().map(id -> stats(id, query.viewerId())).toList();
        });
    }

    protected static UserDTO user(long id) {
        return new UserDTO(id, "user" + id, 1, 2, false, "http://img/a.png", "http://img/b.png", "hi", 3, 4, 5);
    }

    protected static VideoStats stats(long videoId, Long viewerId) {
        return new VideoStats(videoId, videoId % 7 + 1, videoId % 3 + 1, viewerId != null && videoId % 2 == 0);
    }

    protected static FeignException unavailable(String service) {
        Request request = Request.create(Request.HttpMethod.POST, "http://" + service + "/internal", Map.of(),
                new byte[0], StandardCharsets.UTF_8, null);
        return new FeignException.ServiceUnavailable(service + " is down", request, null, Map.of());
    }

    /** A row as the publish flow writes it (the object keys point nowhere; feed tests do not fetch them). */
    protected Video insertVideo(long authorId, String title, long nowMillis) {
        return recorder.record(authorId, title, "videos/test/" + UUID.randomUUID() + ".mp4", null, nowMillis);
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
