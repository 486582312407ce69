package com.dousheng.interaction.counter;

import com.dousheng.interaction.InteractionProperties;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Serves the counters from Redis while MySQL holds the truth, and keeps the cached values exact although the two
 * stores cannot change in one transaction.
 *
 * <p>A write ({@link #apply}) first marks its counters pending in Redis, then changes MySQL, then in one script
 * adds its delta to those cached values that exist (only when the statement really changed a row), stamps each
 * counter with a fresh version and clears its pending mark. A cache miss ({@link #read}) reads the versions, counts
 * the truth tables, and caches a count only if at that instant no write on that counter is pending and its version
 * is unchanged. So a count is cached only when every write either settled before the versions were read (MySQL
 * already showed it) or was marked after the count was cached (its delta then lands on the cached value): no write
 * is lost or counted twice, however writes and rebuilds interleave. A missing key (TTL, eviction, FLUSHDB) is just a
 * miss and is recounted from MySQL.
 */
@Component
public class CounterStore {
    private static final Logger log = LoggerFactory.getLogger(CounterStore.class);
    private static final int MAX_ATTEMPTS = 5;
    /** Longer than any write takes; only bounds how long a crashed writer blocks caching of its counters. */
    private static final Duration PENDING_TTL = Duration.ofMinutes(1);
    /** Longer than any rebuild takes (the version only has to survive from the read of it to the caching). */
    private static final Duration VERSION_TTL = Duration.ofMinutes(10);

    private static final RedisScript<Long> MARK = new DefaultRedisScript<>("""
            for _, key in ipairs(KEYS) do
              redis.call('INCR', key)
              redis.call('PEXPIRE', key, ARGV[1])
            end
            return #KEYS
            """, Long.class);

    /** KEYS: (count, pending, version) per counter; ARGV: delta, new version, version TTL (ms). */
    private static final RedisScript<Long> SETTLE = new DefaultRedisScript<>("""
            local delta = tonumber(ARGV[1])
            for i = 1, #KEYS, 3 do
              if delta ~= 0 then
                redis.call('SET', KEYS[i + 2], ARGV[2], 'PX', ARGV[3])
                if redis.call('EXISTS', KEYS[i]) == 1 then
                  redis.call('INCRBY', KEYS[i], delta)
                end
              end
              if redis.call('DECR', KEYS[i + 1]) <= 0 then
                redis.call('DEL', KEYS[i + 1])
              end
            end
            return 1
            """, Long.class);

    /**
     * KEYS: (count, pending, version) per counter; ARGV: overwrite flag, TTL (ms), then (expected version, value)
     * per counter. Without overwrite only absent values are cached; with it only present ones are corrected.
     * Returns how many values it wrote.
     */
    private static final RedisScript<Long> STORE = new DefaultRedisScript<>("""
            local overwrite = ARGV[1] == '1'
            local written = 0
            local arg = 3
            for i = 1, #KEYS, 3 do
              local expected, value = ARGV[arg], ARGV[arg + 1]
              arg = arg + 2
              local quiet = tonumber(redis.call('GET', KEYS[i + 1]) or '0') <= 0
                and (redis.call('GET', KEYS[i + 2]) or '') == expected
              if quiet then
                if overwrite then
                  local current = redis.call('GET', KEYS[i])
                  if current and current ~= value then
                    redis.call('SET', KEYS[i], value, 'PX', ARGV[2])
                    written = written + 1
                  end
                elseif redis.call('SET', KEYS[i], value, 'NX', 'PX', ARGV[2]) then
                  written = written + 1
                end
              end
            end
            return written
            """, Long.class);

    private final StringRedisTemplate redis;
    private final TruthCounts truth;
    private final Duration ttl;

    public CounterStore(StringRedisTemplate redis, TruthCounts truth, InteractionProperties properties) {
        this.redis = redis;
        this.truth = truth;
        this.ttl = properties.counterTtl();
    }

    /** Current value of each counter: one MGET, and for misses one query per kind plus one script. */
    public Map<CounterKey, Long> read(Collection<CounterKey> keys) {
        List<CounterKey> distinct = new ArrayList<>(new LinkedHashSet<>(keys));
        if (distinct.isEmpty()) {
            return Map.of();
        }
        int n = distinct.size();
        List<String> redisKeys = new ArrayList<>(2 * n);
        distinct.forEach(k -> redisKeys.add(k.countKey()));
        distinct.forEach(k -> redisKeys.add(k.versionKey()));
        List<String> values = redis.opsForValue().multiGet(redisKeys);

        Map<CounterKey, Long> result = new HashMap<>();
        Map<CounterKey, String> missedVersions = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            Long cached = parse(values.get(i));
            if (cached != null) {
                result.put(distinct.get(i), cached);
            } else {
                String version = values.get(n + i);
                missedVersions.put(distinct.get(i), version == null ? "" : version);
            }
        }
        if (!missedVersions.isEmpty()) {
            Map<CounterKey, Long> counted = truth.count(missedVersions.keySet());
            result.putAll(counted);
            store(missedVersions, counted, false);
        }
        return result;
    }

    /**
     * Runs {@code change} (one MySQL statement that returns the delta it made, 0 when it changed nothing) and
     * moves the cached values of {@code keys} by that delta. Deadlocks between concurrent likes and unlikes of one
     * row are retried: the losing statement was rolled back, so a retry cannot count twice.
     */
    public long apply(List<CounterKey> keys, LongSupplier change) {
        List<String> pendingKeys = keys.stream().map(CounterKey::pendingKey).toList();
        redis.execute(MARK, pendingKeys, String.valueOf(PENDING_TTL.toMillis()));
        long delta = 0;
        try {
            delta = withDeadlockRetry(change);
            return delta;
        } finally {
            settle(keys, delta);
        }
    }

    /**
     * Recounts the given cached counters from MySQL and overwrites those that differ (unless a write is in flight
     * on them, which will leave them right itself). Returns how many were wrong.
     */
    public int repair(Collection<CounterKey> keys) {
        List<CounterKey> distinct = new ArrayList<>(new LinkedHashSet<>(keys));
        if (distinct.isEmpty()) {
            return 0;
        }
        List<String> versions = redis.opsForValue().multiGet(distinct.stream().map(CounterKey::versionKey).toList());
        Map<CounterKey, String> expected = new LinkedHashMap<>();
        for (int i = 0; i < distinct.size(); i++) {
            String version = versions.get(i);
            expected.put(distinct.get(i), version == null ? "" : version);
        }
        return store(expected, truth.count(distinct), true);
    }

    private int store(Map<CounterKey, String> expectedVersions, Map<CounterKey, Long> values, boolean overwrite) {
        List<String> keys = new ArrayList<>(3 * expectedVersions.size());
        List<String> args = new ArrayList<>(2 + 2 * expectedVersions.size());
        args.add(overwrite ? "1" : "0");
        args.add(String.valueOf(ttl.toMillis()));
        expectedVersions.forEach((key, version) -> {
            keys.add(key.countKey());
            keys.add(key.pendingKey());
            keys.add(key.versionKey());
            args.add(version);
            args.add(String.valueOf(values.getOrDefault(key, 0L)));
        });
        Long written = redis.execute(STORE, keys, args.toArray());
        return written == null ? 0 : written.intValue();
    }

    private void settle(List<CounterKey> keys, long delta) {
        List<String> redisKeys = new ArrayList<>(3 * keys.size());
        for (CounterKey key : keys) {
            redisKeys.add(key.countKey());
            redisKeys.add(key.pendingKey());
            redisKeys.add(key.versionKey());
        }
        try {
            redis.execute(SETTLE, redisKeys, String.valueOf(delta), UUID.randomUUID().toString(),
                    String.valueOf(VERSION_TTL.toMillis()));
        } catch (DataAccessException e) {
            // MySQL already holds the change; a stale cached value is corrected by its TTL or the reconcile job
            log.warn("could not move cached counters {} by {}: {}", keys, delta, e.toString());
        }
    }

    private static long withDeadlockRetry(LongSupplier change) {
        for (int attempt = 1; ; attempt++) {
            try {
                return change.getAsLong();
            } catch (PessimisticLockingFailureException e) {
                if (attempt >= MAX_ATTEMPTS) {
                    throw e;
                }
                log.debug("lock conflict on attempt {}, retrying: {}", attempt, e.getMessage());
            }
        }
    }

    private static Long parse(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
