package com.dousheng.common.cache;

import com.dousheng.common.web.BizException;
import com.dousheng.common.web.ErrorCode;
import com.dousheng.common.web.RemoteCallFailures;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The one cache protocol of the suite: a read model in Redis, filled and invalidated only by the service that owns
 * each entry (MySQL stays the truth), read by any service in one round trip.
 *
 * <p>An entry is a Redis string: {@code =payload} is a value; {@code ~token|payload} is the tombstone a write
 * leaves after its commit, carrying the last known payload. A reader takes {@code =} values as they are. For
 * anything else (nothing, or a tombstone) the owner reads MySQL and stores the result only if the entry is still
 * exactly what it saw before that read (a compare-and-set in one script): a write that committed meanwhile has
 * replaced it with a new tombstone, so an older count can never be stored over a newer one. A write that has
 * returned has left its tombstone, so no read that starts afterwards, on any instance, can see the state before it.
 * A flushed Redis is only a miss; a fill whose observation predates a flush is dropped ({@link #EPOCH_KEY}).
 *
 * <p>When the owner cannot answer a miss, the last known payload of a tombstone is served instead and counted in
 * {@value #STALE_METRIC}; without one the request fails with {@link ErrorCode#SERVICE_UNAVAILABLE}, never a
 * made-up 0. Immutable values are also kept in memory, so hot rows cost no Redis read at all.
 */
public class ReadModel {
    public static final String STALE_METRIC = "dousheng.cache.stale";
    public static final String INVALIDATION_FAILURES_METRIC = "dousheng.cache.invalidation.failures";
    private static final Logger log = LoggerFactory.getLogger(ReadModel.class);

    /** KEYS: the epoch, then entries; ARGV: token, TTL (ms). Keeps the last known payload in the tombstone. */
    private static final RedisScript<Long> INVALIDATE = new DefaultRedisScript<>("""
            redis.call('SET', KEYS[1], ARGV[1], 'NX')
            for i = 2, #KEYS do
              local key = KEYS[i]
              local current = redis.call('GET', key)
              local last = nil
              if current then
                local mark = string.sub(current, 1, 1)
                if mark == '=' then
                  last = string.sub(current, 2)
                elseif mark == '~' then
                  local bar = string.find(current, '|', 1, true)
                  if bar then last = string.sub(current, bar + 1) end
                end
              end
              local tombstone = '~' .. ARGV[1]
              if last then tombstone = tombstone .. '|' .. last end
              redis.call('SET', key, tombstone, 'PX', ARGV[2])
            end
            return #KEYS - 1
            """, Long.class);

    /**
     * Names the current life of the Redis data set: a flush removes it, so a reader whose observation predates a
     * flush (which may have removed a tombstone it never saw) cannot store what it read. Writes and fills create it
     * when it is missing.
     */
    public static final String EPOCH_KEY = "readmodel:epoch";

    /**
     * KEYS: the epoch, then entries; ARGV: TTL (ms), the epoch the reader saw or '', a new epoch in case there is
     * none, then (what the reader saw or '', payload) per entry.
     */
    private static final RedisScript<Long> FILL = new DefaultRedisScript<>("""
            local epoch = redis.call('GET', KEYS[1])
            if not epoch then
              if ARGV[2] ~= '' then return 0 end
              redis.call('SET', KEYS[1], ARGV[3])
            elseif epoch ~= ARGV[2] then
              return 0
            end
            local stored = 0
            for i = 2, #KEYS do
              local seen, payload = ARGV[2 * i], ARGV[2 * i + 1]
              local current = redis.call('GET', KEYS[i])
              if (current == false and seen == '') or current == seen then
                redis.call('SET', KEYS[i], '=' .. payload, 'PX', ARGV[1])
                stored = stored + 1
              end
            end
            return stored
            """, Long.class);

    private final StringRedisTemplate redis;
    private final CacheProperties properties;
    private final MeterRegistry meters;
    private final Map<String, Object> near = new ConcurrentHashMap<>();

    public ReadModel(StringRedisTemplate redis, CacheProperties properties, MeterRegistry meters) {
        this.redis = redis;
        this.properties = properties;
        this.meters = meters;
    }

    /** Answers the entries missing from Redis, for one scope (viewer) or none; ids it leaves out do not exist. */
    @FunctionalInterface
    public interface Loader<V> {
        Map<Long, V> load(Long scope, List<Long> ids);
    }

    /** A loader's answer for flag entries: one per asked id, true for those in {@code yes}. */
    public static Map<Long, Boolean> flags(Collection<Long> asked, Collection<Long> yes) {
        Set<Long> set = yes == null ? Set.of() : new HashSet<>(yes);
        Map<Long, Boolean> flags = new HashMap<>();
        for (Long id : asked) {
            flags.put(id, set.contains(id));
        }
        return flags;
    }

    public Batch batch() {
        return new Batch();
    }

    /** The owner's read: Redis first, MySQL ({@code truth}) for the rest, which is then stored. */
    public <V> Map<Long, V> readThrough(Space<V> space, Long scope, Collection<Long> ids, Loader<V> truth) {
        Batch batch = batch();
        Lookup<V> lookup = batch.owned(space, scope, ids, truth);
        batch.run();
        return lookup.values();
    }

    /** The owner's read of one list entry (a list's members, in order): Redis first, {@code truth} on a miss. */
    public List<Long> readList(Space<List<Long>> space, long id, Supplier<List<Long>> truth) {
        return readThrough(space, null, List.of(id), (scope, missing) -> Map.of(id, truth.get()))
                .getOrDefault(id, List.of());
    }

    /** A read of another service's entries on their own: Redis first, that service's leaf for the rest. */
    public <V> Map<Long, V> readThroughRemote(Space<V> space, Collection<Long> ids, Loader<V> leaf) {
        Batch batch = batch();
        Lookup<V> lookup = batch.remote(space, null, ids, leaf);
        batch.run();
        return lookup.values();
    }

    /** After the owner's write has committed: entries in one script. */
    public Invalidation invalidation() {
        return new Invalidation();
    }

    public final class Invalidation {
        private final List<String> keys = new ArrayList<>(List.of(EPOCH_KEY));

        public Invalidation add(Space<?> space, Long scope, long id) {
            keys.add(space.key(scope, id));
            return this;
        }

        public Invalidation add(Space<?> space, long id) {
            return add(space, null, id);
        }

        /**
         * Runs it. A Redis failure is logged and counted, not thrown: MySQL already holds the write, and the
         * entry then lasts at most {@link CacheProperties#mutableTtl()}.
         */
        public void run() {
            if (keys.size() == 1) {
                return;
            }
            String token = Long.toHexString(ThreadLocalRandom.current().nextLong());
            try {
                redis.execute(INVALIDATE, keys, token, String.valueOf(properties.mutableTtl().toMillis()));
            } catch (DataAccessException e) {
                log.error("could not invalidate {}: {}", keys.subList(1, keys.size()), e.toString());
                meters.counter(INVALIDATION_FAILURES_METRIC).increment();
            }
        }
    }

    /** Several lookups answered by one MGET, then one loader call per lookup that missed. */
    public final class Batch {
        private final List<Lookup<?>> lookups = new ArrayList<>();
        private String guardKey;
        private String guardExpected;
        private boolean guardHeld = true;

        /**
         * Also reads {@code key} in the same round trip; {@link #guardHeld()} then tells whether it still had the
         * value {@code expected} (null: absent). This is how an in-memory copy of a mutable entry is checked for
         * freshness without a round trip of its own.
         */
        public Batch guard(String key, String expected) {
            this.guardKey = key;
            this.guardExpected = expected;
            return this;
        }

        public boolean guardHeld() {
            return guardHeld;
        }

        /** Entries this service owns: misses come from its own tables and are stored. */
        public <V> Lookup<V> owned(Space<V> space, Long scope, Collection<Long> ids, Loader<V> truth) {
            Lookup<V> lookup = new Lookup<>(space, scope, ids, truth, true);
            lookups.add(lookup);
            return lookup;
        }

        /** Entries another service owns: misses go to its leaf API, which stores them. */
        public <V> Lookup<V> remote(Space<V> space, Long scope, Collection<Long> ids, Loader<V> leaf) {
            Lookup<V> lookup = new Lookup<>(space, scope, ids, leaf, false);
            lookups.add(lookup);
            return lookup;
        }

        public void run() {
            List<String> keys = new ArrayList<>();
            for (Lookup<?> lookup : lookups) {
                lookup.collectKeys(keys);
            }
            if (guardKey != null) {
                keys.add(guardKey);
            }
            if (!keys.isEmpty()) {
                keys.add(EPOCH_KEY);
            }
            List<String> answers = null;
            if (!keys.isEmpty()) {
                try {
                    answers = redis.opsForValue().multiGet(keys);
                } catch (DataAccessException e) {
                    log.warn("read model unavailable, asking the owners: {}", e.toString());
                }
            }
            boolean redisUp = answers != null || keys.isEmpty();
            String epoch = answers == null ? null : answers.get(keys.size() - 1);
            if (guardKey != null) {
                guardHeld = answers != null && Objects.equals(answers.get(keys.size() - 2), guardExpected);
                if (!guardHeld) {
                    // the caller starts over with a fresh copy: no point asking the owners for this one
                    return;
                }
            }
            int offset = 0;
            for (Lookup<?> lookup : lookups) {
                offset = lookup.take(answers, offset);
            }
            for (Lookup<?> lookup : lookups) {
                lookup.loadMisses(redisUp, epoch);
            }
        }
    }

    /** One space's entries within a batch; {@link #values()} after the batch has run. */
    public final class Lookup<V> {
        private final Space<V> space;
        private final Long scope;
        private final List<Long> ids;
        private final Loader<V> loader;
        private final boolean owned;
        private final Map<Long, V> values = new HashMap<>();
        private final List<Long> asked = new ArrayList<>();
        private final Map<Long, String> missed = new LinkedHashMap<>();

        private Lookup(Space<V> space, Long scope, Collection<Long> ids, Loader<V> loader, boolean owned) {
            this.space = space;
            this.scope = scope;
            // a loop, not a stream: this runs for every space of every list (2.8% of a favorite list's time)
            Set<Long> distinct = new LinkedHashSet<>();
            if (ids != null) {
                for (Long id : ids) {
                    if (id != null) {
                        distinct.add(id);
                    }
                }
            }
            this.ids = new ArrayList<>(distinct);
            this.loader = loader;
            this.owned = owned;
        }

        public Map<Long, V> values() {
            return values;
        }

        public V get(long id) {
            return values.get(id);
        }

        @SuppressWarnings("unchecked")
        private void collectKeys(List<String> keys) {
            for (Long id : ids) {
                String key = space.key(scope, id);
                if (space.immutable()) {
                    Object kept = near.get(key);
                    if (kept != null) {
                        values.put(id, (V) kept);
                        continue;
                    }
                }
                asked.add(id);
                keys.add(key);
            }
        }

        private int take(List<String> answers, int offset) {
            for (Long id : asked) {
                String answer = answers == null ? null : answers.get(offset);
                offset++;
                if (answer != null && answer.startsWith("=")) {
                    try {
                        V value = space.codec().decode(answer.substring(1));
                        values.put(id, value);
                        keepNear(id, value);
                        continue;
                    } catch (RuntimeException e) {
                        log.warn("unreadable {} entry {}: {}", space.prefix(), id, e.toString());
                    }
                }
                missed.put(id, answer == null ? "" : answer);
            }
            return offset;
        }

        private void loadMisses(boolean redisUp, String epoch) {
            if (missed.isEmpty()) {
                return;
            }
            List<Long> missing = new ArrayList<>(missed.keySet());
            long started = System.nanoTime();
            Map<Long, V> loaded;
            try {
                loaded = loader.load(scope, missing);
            } catch (RuntimeException e) {
                if (!RemoteCallFailures.isRemoteFailure(e)) {
                    throw e;
                }
                serveLastKnown(missing, e);
                return;
            }
            if (loaded == null) {
                loaded = Map.of();
            }
            values.putAll(loaded);
            loaded.forEach(this::keepNear);
            boolean stillRecent = System.nanoTime() - started < properties.mutableTtl().toNanos() / 2;
            if (owned && redisUp && stillRecent && !loaded.isEmpty()) {
                fill(loaded, epoch);
            }
        }

        private void fill(Map<Long, V> loaded, String epoch) {
            List<String> keys = new ArrayList<>(1 + loaded.size());
            List<String> args = new ArrayList<>(3 + 2 * loaded.size());
            long ttl = (space.immutable() ? properties.immutableTtl() : properties.mutableTtl()).toMillis();
            keys.add(EPOCH_KEY);
            args.add(String.valueOf(ttl));
            args.add(epoch == null ? "" : epoch);
            args.add(Long.toHexString(ThreadLocalRandom.current().nextLong()));
            loaded.forEach((id, value) -> {
                keys.add(space.key(scope, id));
                args.add(missed.getOrDefault(id, ""));
                args.add(space.codec().encode(value));
            });
            try {
                redis.execute(FILL, keys, args.toArray());
            } catch (DataAccessException e) {
                log.warn("could not store {} {} entries: {}", loaded.size(), space.prefix(), e.toString());
            }
        }

        private void serveLastKnown(List<Long> missing, RuntimeException failure) {
            List<Long> unknown = new ArrayList<>();
            for (Long id : missing) {
                String seen = missed.get(id);
                int bar = seen.indexOf('|');
                if (seen.startsWith("~") && bar > 0) {
                    try {
                        values.put(id, space.codec().decode(seen.substring(bar + 1)));
                        continue;
                    } catch (RuntimeException e) {
                        log.warn("unreadable last known {} entry {}: {}", space.prefix(), id, e.toString());
                    }
                }
                unknown.add(id);
            }
            if (!unknown.isEmpty()) {
                log.warn("{} failed and {} has no last known value for {}: {}", space.owner(), space.prefix(),
                        unknown, RemoteCallFailures.describe(failure));
                throw new BizException(ErrorCode.SERVICE_UNAVAILABLE,
                        space.owner() + " is not answering; please retry in a moment");
            }
            log.warn("{} failed, serving the last known {} of {}: {}", space.owner(), space.prefix(), missing,
                    RemoteCallFailures.describe(failure));
            meters.counter(STALE_METRIC, "space", space.prefix()).increment(missing.size());
        }

        private void keepNear(Long id, V value) {
            if (!space.immutable()) {
                return;
            }
            if (near.size() >= properties.nearEntries()) {
                near.clear();
            }
            near.put(space.key(scope, id), value);
        }
    }
}
