package com.dousheng.relation.follow;

import com.dousheng.relation.RelationProperties;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Redis cache of the counts derived from the {@code follow} table, safe against the classic read-through race
 * (a reader computes a count, a write commits and invalidates, then the reader stores its now stale count).
 * Each user has a version key next to the cached value. A writer, after its change is committed, replaces the
 * version with a fresh random token and deletes the value. A reader notes the version before it reads the
 * database and stores its result only if the version is still the one it noted. Any write the reader's query
 * missed committed after that query started, hence after the reader noted the version, so its invalidation
 * either already changed the version (the store is refused) or comes after the store (and deletes it).
 * After a Redis flush every version is absent and the values are rebuilt the same way.
 */
@Component
public class FollowCountCache {
    private static final String COUNTS = "relation:counts:";
    private static final String VERSION = "relation:counts-ver:";
    private static final String NO_VERSION = "";

    /** KEYS: value1, version1, value2, version2, ...; ARGV: ttl ms, then per user the noted version and the value. */
    private static final RedisScript<Long> STORE_IF_UNCHANGED = new DefaultRedisScript<>("""
            local stored = 0
            for i = 1, #KEYS, 2 do
              local version = redis.call('GET', KEYS[i + 1]) or ''
              if version == ARGV[i + 1] then
                redis.call('SET', KEYS[i], ARGV[i + 2], 'PX', ARGV[1])
                stored = stored + 1
              end
            end
            return stored""", Long.class);

    /** KEYS: value1, version1, ...; ARGV: ttl ms, new version token. */
    private static final RedisScript<Long> INVALIDATE = new DefaultRedisScript<>("""
            for i = 1, #KEYS, 2 do
              redis.call('SET', KEYS[i + 1], ARGV[2], 'PX', ARGV[1])
              redis.call('DEL', KEYS[i])
            end
            return 0""", Long.class);

    private final StringRedisTemplate redis;
    private final Duration ttl;

    public FollowCountCache(StringRedisTemplate redis, RelationProperties properties) {
        this.redis = redis;
        this.ttl = properties.countCacheTtl();
    }

    /** What one MGET found: cached counts, and the version noted for every user that missed. */
    public record Lookup(Map<Long, FollowCounts> hits, Map<Long, String> missVersions) {
    }

    public Lookup lookup(Collection<Long> userIds) {
        List<String> keys = new ArrayList<>(userIds.size() * 2);
        for (Long id : userIds) {
            keys.add(COUNTS + id);
            keys.add(VERSION + id);
        }
        List<String> values = redis.opsForValue().multiGet(keys);
        Map<Long, FollowCounts> hits = new HashMap<>();
        Map<Long, String> missVersions = new HashMap<>();
        int i = 0;
        for (Long id : userIds) {
            String value = values.get(i);
            String version = values.get(i + 1);
            if (value != null) {
                hits.put(id, FollowCounts.decode(value));
            } else {
                missVersions.put(id, version == null ? NO_VERSION : version);
            }
            i += 2;
        }
        return new Lookup(hits, missVersions);
    }

    /** Stores counts read from the database, except for users changed since {@link #lookup} noted their version. */
    public void storeIfUnchanged(Map<Long, FollowCounts> counts, Map<Long, String> notedVersions) {
        if (counts.isEmpty()) {
            return;
        }
        List<String> keys = new ArrayList<>(counts.size() * 2);
        List<String> args = new ArrayList<>(counts.size() * 2 + 1);
        args.add(Long.toString(ttl.toMillis()));
        counts.forEach((id, value) -> {
            keys.add(COUNTS + id);
            keys.add(VERSION + id);
            args.add(notedVersions.get(id));
            args.add(value.encode());
        });
        redis.execute(STORE_IF_UNCHANGED, keys, args.toArray());
    }

    /** Call after the change to these users' follows is committed. */
    public void invalidate(long... userIds) {
        List<String> keys = new ArrayList<>(userIds.length * 2);
        for (long id : userIds) {
            keys.add(COUNTS + id);
            keys.add(VERSION + id);
        }
        // versions expire too (they would pile up otherwise); a reader would have to stall that long to miss one
        redis.execute(INVALIDATE, keys, Long.toString(ttl.toMillis() * 2), UUID.randomUUID().toString());
    }
}
