package com.dousheng.video.catalog;

import com.dousheng.common.api.video.UserWorkCount;
import com.dousheng.video.VideoProperties;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.connection.RedisStringCommands.SetOption;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.types.Expiration;
import org.springframework.stereotype.Service;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads videos: MySQL is the truth, and rows are cached in Redis ({@code video:row:<id>}) because they never change
 * after publishing, so a cached row cannot go stale. Every read is a bounded number of round trips: one index query
 * for ids, one MGET, and at most one primary-key query for the ids Redis did not have.
 */
@Service
public class VideoCatalog {
    static final String ROW_KEY_PREFIX = "video:row:";
    private static final Logger log = LoggerFactory.getLogger(VideoCatalog.class);

    private final VideoMapper mapper;
    private final StringRedisTemplate redis;
    private final JsonMapper json;
    private final Duration rowTtl;

    public VideoCatalog(VideoMapper mapper, StringRedisTemplate redis, JsonMapper json, VideoProperties properties) {
        this.mapper = mapper;
        this.redis = redis;
        this.json = json;
        this.rowTtl = properties.rowCacheTtl();
    }

    /** Up to {@code limit} videos published strictly before {@code beforeMillis}, newest first. */
    public List<Video> publishedBefore(long beforeMillis, int limit) {
        return findByIds(mapper.idsPublishedBefore(beforeMillis, limit));
    }

    /** All videos of one author, newest first. */
    public List<Video> byAuthor(long authorId) {
        return findByIds(mapper.idsByAuthor(authorId));
    }

    /** Published video count for each of {@code userIds}, in request order, 0 included. */
    public List<UserWorkCount> workCounts(List<Long> userIds) {
        List<Long> distinct = distinctNonNull(userIds);
        if (distinct.isEmpty()) {
            return List.of();
        }
        Map<Long, Long> counts = new HashMap<>();
        for (UserWorkCount c : mapper.countByAuthors(distinct)) {
            counts.put(c.userId(), c.workCount());
        }
        return distinct.stream().map(id -> new UserWorkCount(id, counts.getOrDefault(id, 0L))).toList();
    }

    /** The videos with these ids in the order given (duplicates removed); unknown ids are left out. */
    public List<Video> findByIds(Collection<Long> ids) {
        List<Long> wanted = distinctNonNull(ids);
        if (wanted.isEmpty()) {
            return List.of();
        }
        Map<Long, Video> found = new HashMap<>(cachedRows(wanted));
        List<Long> missing = wanted.stream().filter(id -> !found.containsKey(id)).toList();
        if (!missing.isEmpty()) {
            List<Video> loaded = mapper.selectByIds(missing).stream().map(VideoEntity::toVideo).toList();
            loaded.forEach(v -> found.put(v.id(), v));
            cache(loaded);
        }
        List<Video> result = new ArrayList<>(wanted.size());
        for (Long id : wanted) {
            Video v = found.get(id);
            if (v != null) {
                result.add(v);
            }
        }
        return result;
    }

    private Map<Long, Video> cachedRows(List<Long> ids) {
        List<String> values;
        try {
            values = redis.opsForValue().multiGet(ids.stream().map(VideoCatalog::rowKey).toList());
        } catch (DataAccessException e) {
            // the cache only saves database work; without Redis every row comes from MySQL
            log.warn("video row cache unavailable, reading MySQL: {}", e.getMessage());
            return Map.of();
        }
        Map<Long, Video> rows = new HashMap<>();
        if (values == null) {
            return rows;
        }
        for (int i = 0; i < ids.size() && i < values.size(); i++) {
            String value = values.get(i);
            if (value == null) {
                continue;
            }
            try {
                rows.put(ids.get(i), json.readValue(value, Video.class));
            } catch (JacksonException e) {
                log.warn("ignoring unreadable cached row {}: {}", rowKey(ids.get(i)), e.getOriginalMessage());
            }
        }
        return rows;
    }

    private void cache(List<Video> videos) {
        if (videos.isEmpty()) {
            return;
        }
        try {
            redis.executePipelined((RedisCallback<Object>) connection -> {
                for (Video v : videos) {
                    connection.stringCommands().set(rowKey(v.id()).getBytes(StandardCharsets.UTF_8),
                            json.writeValueAsBytes(v), Expiration.from(rowTtl), SetOption.upsert());
                }
                return null;
            });
        } catch (DataAccessException e) {
            log.warn("could not cache {} video rows: {}", videos.size(), e.getMessage());
        }
    }

    static String rowKey(long id) {
        return ROW_KEY_PREFIX + id;
    }

    private static List<Long> distinctNonNull(Collection<Long> ids) {
        if (ids == null) {
            return List.of();
        }
        return new ArrayList<>(ids.stream().filter(Objects::nonNull)
                .collect(Collectors.toCollection(LinkedHashSet::new)));
    }
}
