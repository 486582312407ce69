package com.dousheng.common.testsupport;

import com.dousheng.common.cache.ReadModel;
import com.dousheng.common.cache.Space;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongFunction;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.util.ReflectionTestUtils;

/**
 * Read-model helpers for module tests whose other services are Mockito mocks: a mocked leaf answers through
 * {@link #ownerRead} exactly as the owner's own leaf does (Redis first, its "tables" for the misses, then the
 * compare-and-set fill), so that warm pages, tombstones and flushes behave in a module test as in the suite.
 */
public final class ReadModelTesting {
    private ReadModelTesting() {
    }

    /** The owner's read: entries of {@code space} from Redis, the rest from {@code truth} (null: no such id), stored. */
    public static <V> Map<Long, V> ownerRead(ReadModel readModel, Space<V> space, Long scope, Collection<Long> ids,
                                             LongFunction<V> truth) {
        return readModel.readThrough(space, scope, ids, (s, missing) -> {
            Map<Long, V> loaded = new HashMap<>();
            for (Long id : missing) {
                V value = truth.apply(id);
                if (value != null) {
                    loaded.put(id, value);
                }
            }
            return loaded;
        });
    }

    /** The Redis key of one entry, as ReadModel names it ({@code prefix[:viewer]:id}). */
    public static String key(Space<?> space, Long scope, long id) {
        return scope == null ? space.prefix() + ':' + id : space.prefix() + ':' + scope + ':' + id;
    }

    public static String key(Space<?> space, long id) {
        return key(space, null, id);
    }

    /**
     * Forgets the immutable values (rows, profiles) {@code readModel} keeps in this process's memory, as a restart
     * would. Reflection, because production code never needs it; a renamed field fails here loudly.
     */
    public static void forgetMemory(ReadModel readModel) {
        Object near = ReflectionTestUtils.getField(readModel, "near");
        if (!(near instanceof Map<?, ?> map)) {
            throw new IllegalStateException("ReadModel no longer keeps its in-memory values in a map named 'near'");
        }
        map.clear();
    }

    /** FLUSHDB of the test's Redis database. */
    public static void flush(StringRedisTemplate redis) {
        redis.execute((RedisCallback<Object>) connection -> {
            connection.serverCommands().flushDb();
            return null;
        });
    }
}
