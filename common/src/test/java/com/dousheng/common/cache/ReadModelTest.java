package com.dousheng.common.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dousheng.common.testsupport.TestInfrastructure;
import com.dousheng.common.web.BizException;
import com.dousheng.common.web.ErrorCode;
import feign.Request;
import feign.RetryableException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.util.ClassUtils;

/**
 * The cache protocol against a real Redis (database {@value #DB}, which no module's tests use), with a template
 * that records every Redis command the read model sends, so that round trips are counted, not timed.
 */
class ReadModelTest {
    static final int DB = 8;
    private static final String TOMBSTONE = "~[0-9a-f]+";
    private static final CacheProperties PROPERTIES = new CacheProperties(Duration.ofMinutes(10), Duration.ofHours(1),
            1_000);

    /** A row that never changes once written, as video rows and profiles are. */
    record Row(long id, String title) {
    }

    static final Space<Long> COUNTS = Space.mutable("counter-service", "rmt:count", Codec.number());
    static final Space<Boolean> FLAGS = Space.perViewer("counter-service", "rmt:flag", Codec.flag());
    static final Space<Row> ROWS = Space.immutable("row-service", "rmt:row", Codec.json(Row.class));

    private final List<LettuceConnectionFactory> factories = new ArrayList<>();
    private RecordingTemplate redis;
    private SimpleMeterRegistry meters;
    private ReadModel model;

    @BeforeEach
    void connect() {
        TestInfrastructure.Endpoints e = TestInfrastructure.endpoints();
        redis = template(e.redisHost(), e.redisPort());
        redis.execute((RedisCallback<Void>) connection -> {
            connection.serverCommands().flushDb();
            return null;
        });
        // as after the suite's first write; the flush tests remove it again
        redis.opsForValue().set(ReadModel.EPOCH_KEY, "test-epoch");
        redis.forget();
        meters = new SimpleMeterRegistry();
        model = new ReadModel(redis, PROPERTIES, meters);
    }

    @AfterEach
    void disconnect() {
        factories.forEach(LettuceConnectionFactory::destroy);
    }

    @Test
    void severalLookupsOfSeveralSpacesAreAnsweredByOneMget() {
        ReadModel.Loader<Long> counts = (scope, ids) -> answer(ids, id -> id * 10);
        ReadModel.Loader<Boolean> flags = (scope, ids) -> answer(ids, id -> id % 2 == 0);
        ReadModel.Loader<Row> rows = (scope, ids) -> answer(ids, id -> new Row(id, "row " + id));
        // the owners' reads store everything once
        model.readThrough(COUNTS, null, List.of(1L, 2L, 3L), counts);
        model.readThrough(FLAGS, 7L, List.of(1L, 2L), flags);
        model.readThrough(ROWS, null, List.of(10L, 11L), rows);

        ReadModel reader = new ReadModel(redis, PROPERTIES, meters);
        redis.forget();
        CountingLoader<Long> countLeaf = new CountingLoader<>(counts);
        CountingLoader<Boolean> flagLeaf = new CountingLoader<>(flags);
        CountingLoader<Row> rowLeaf = new CountingLoader<>(rows);
        ReadModel.Batch batch = reader.batch();
        var c = batch.remote(COUNTS, null, List.of(3L, 1L, 2L, 1L), countLeaf);
        var f = batch.remote(FLAGS, 7L, List.of(1L, 2L), flagLeaf);
        var r = batch.remote(ROWS, null, List.of(11L, 10L), rowLeaf);
        batch.run();

        assertThat(redis.commands()).containsExactly("mGet 8");
        assertThat(c.values()).isEqualTo(Map.of(1L, 10L, 2L, 20L, 3L, 30L));
        assertThat(f.values()).isEqualTo(Map.of(1L, false, 2L, true));
        assertThat(r.get(11)).isEqualTo(new Row(11, "row 11"));
        assertThat(countLeaf.calls).isEmpty();
        assertThat(flagLeaf.calls).isEmpty();
        assertThat(rowLeaf.calls).isEmpty();

        // with misses: still one MGET, then one loader call per lookup that missed, then its compare-and-set
        redis.forget();
        ReadModel.Batch second = reader.batch();
        var more = second.owned(COUNTS, null, List.of(1L, 4L, 5L), countLeaf);
        var flagsOf8 = second.remote(FLAGS, 8L, List.of(1L, 2L), flagLeaf);
        second.run();
        assertThat(redis.commands()).first().isEqualTo("mGet 6");
        assertThat(redis.commands()).filteredOn(cmd -> cmd.startsWith("mGet")).hasSize(1);
        assertThat(redis.commands()).filteredOn(cmd -> cmd.startsWith("eval")).isNotEmpty();
        assertThat(countLeaf.calls).containsExactly(List.of(4L, 5L));
        assertThat(flagLeaf.calls).containsExactly(List.of(1L, 2L));
        assertThat(more.values()).isEqualTo(Map.of(1L, 10L, 4L, 40L, 5L, 50L));
        assertThat(flagsOf8.values()).isEqualTo(Map.of(1L, false, 2L, true));
    }

    @Test
    void aMissIsLoadedAndStoredAndThenAHit() {
        CountingLoader<Long> truth = new CountingLoader<>((scope, ids) -> {
            Map<Long, Long> found = new HashMap<>();
            for (Long id : ids) {
                if (id != 3) { // 3 does not exist: the loader leaves it out
                    found.put(id, id + 100);
                }
            }
            return found;
        });
        assertThat(model.readThrough(COUNTS, null, List.of(1L, 2L, 3L), truth)).isEqualTo(Map.of(1L, 101L, 2L, 102L));
        assertThat(truth.calls).containsExactly(List.of(1L, 2L, 3L));
        assertThat(redis.opsForValue().get("rmt:count:1")).isEqualTo("=101");
        assertThat(redis.opsForValue().get("rmt:count:3")).isNull();
        assertThat(redis.getExpire("rmt:count:1")).isPositive().isLessThanOrEqualTo(600);

        assertThat(model.readThrough(COUNTS, null, List.of(2L, 1L), truth)).isEqualTo(Map.of(1L, 101L, 2L, 102L));
        assertThat(truth.calls).hasSize(1);
        // what does not exist is asked for again (nothing is stored for it)
        assertThat(model.readThrough(COUNTS, null, List.of(3L), truth)).isEmpty();
        assertThat(truth.calls).hasSize(2);

        // per-viewer entries are keyed by viewer and id
        model.readThrough(FLAGS, 7L, List.of(1L), (viewer, ids) -> answer(ids, id -> true));
        assertThat(redis.opsForValue().get("rmt:flag:7:1")).isEqualTo("=1");
        assertThatThrownBy(() -> model.readThrough(FLAGS, null, List.of(1L), (viewer, ids) -> Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anUnreadableEntryIsAMissAndIsReplaced() {
        redis.opsForValue().set("rmt:count:1", "=not a number");
        assertThat(model.readThrough(COUNTS, null, List.of(1L), (scope, ids) -> answer(ids, id -> 5L)))
                .isEqualTo(Map.of(1L, 5L));
        assertThat(redis.opsForValue().get("rmt:count:1")).isEqualTo("=5");
    }

    @Test
    void anInvalidationLeavesATombstoneCarryingTheLastPayload() {
        model.readThrough(COUNTS, null, List.of(1L), (scope, ids) -> answer(ids, id -> 5L));
        model.readThrough(FLAGS, 7L, List.of(1L), (viewer, ids) -> answer(ids, id -> true));

        model.invalidation().add(COUNTS, 1).add(COUNTS, 9).add(FLAGS, 7L, 1).run();
        String first = redis.opsForValue().get("rmt:count:1");
        assertThat(first).matches(TOMBSTONE + "\\|5");
        assertThat(redis.opsForValue().get("rmt:flag:7:1")).matches(TOMBSTONE + "\\|1");
        // nothing was known of 9: a tombstone without a payload
        assertThat(redis.opsForValue().get("rmt:count:9")).matches(TOMBSTONE);
        assertThat(redis.getExpire("rmt:count:9")).isPositive().isLessThanOrEqualTo(600);

        // a second write before any read: a new token, the same last payload
        model.invalidation().add(COUNTS, 1).run();
        assertThat(redis.opsForValue().get("rmt:count:1")).matches(TOMBSTONE + "\\|5").isNotEqualTo(first);

        // the next read loads and stores again, over the tombstone it saw
        CountingLoader<Long> truth = new CountingLoader<>((scope, ids) -> answer(ids, id -> 6L));
        assertThat(model.readThrough(COUNTS, null, List.of(1L), truth)).isEqualTo(Map.of(1L, 6L));
        assertThat(truth.calls).hasSize(1);
        assertThat(redis.opsForValue().get("rmt:count:1")).isEqualTo("=6");
    }

    @Test
    void aFillWhoseObservationPredatesAFlushIsRefused() {
        // the reader sees nothing, a write commits and leaves its tombstone, a flush removes it: storing the count
        // read before the write would hide that write until the TTL
        Map<Long, Long> loaded = model.readThrough(COUNTS, null, List.of(1L), (scope, ids) -> {
            Map<Long, Long> before = answer(ids, id -> 0L);
            model.invalidation().add(COUNTS, 1).run();
            redis.execute((RedisCallback<Void>) connection -> {
                connection.serverCommands().flushDb();
                return null;
            });
            return before;
        });
        assertThat(loaded).isEqualTo(Map.of(1L, 0L));
        assertThat(redis.opsForValue().get("rmt:count:1")).isNull();

        // after the flush the next reader starts a new epoch and stores again
        model.readThrough(COUNTS, null, List.of(1L), (scope, ids) -> answer(ids, id -> 1L));
        assertThat(redis.opsForValue().get("rmt:count:1")).isEqualTo("=1");
        assertThat(redis.opsForValue().get(ReadModel.EPOCH_KEY)).isNotNull().isNotEqualTo("test-epoch");
    }

    @Test
    void aFillWhoseObservationAWriteReplacedIsRefused() {
        // the reader sees nothing, loads, then a write commits and invalidates, then the reader tries to store
        Map<Long, Long> loaded = model.readThrough(COUNTS, null, List.of(1L, 2L), (scope, ids) -> {
            Map<Long, Long> before = answer(ids, id -> 0L);
            model.invalidation().add(COUNTS, 1).run();
            return before;
        });
        assertThat(loaded).isEqualTo(Map.of(1L, 0L, 2L, 0L));
        assertThat(redis.opsForValue().get("rmt:count:1")).matches(TOMBSTONE);
        // the entry no write touched is stored all the same
        assertThat(redis.opsForValue().get("rmt:count:2")).isEqualTo("=0");

        // the same when what the reader saw was a tombstone, which a second write replaced
        String seen = redis.opsForValue().get("rmt:count:1");
        model.readThrough(COUNTS, null, List.of(1L), (scope, ids) -> {
            Map<Long, Long> before = answer(ids, id -> 1L);
            new ReadModel(redis, PROPERTIES, meters).invalidation().add(COUNTS, 1).run(); // another instance
            return before;
        });
        assertThat(redis.opsForValue().get("rmt:count:1")).matches(TOMBSTONE).isNotEqualTo(seen);

        // and a value stored meanwhile by a faster reader is not overwritten either
        model.readThrough(COUNTS, null, List.of(1L), (scope, ids) -> {
            new ReadModel(redis, PROPERTIES, meters).readThrough(COUNTS, null, ids, (s, i) -> answer(i, id -> 2L));
            return answer(ids, id -> 1L);
        });
        assertThat(redis.opsForValue().get("rmt:count:1")).isEqualTo("=2");
    }

    @Test
    void aLoaderTooSlowForTheTombstonesLifetimeStoresNothing() {
        // a tombstone lives mutableTtl; a load longer than half of it could outlive the tombstone it was checked
        // against, so its result is served but not stored
        ReadModel shortLived = new ReadModel(redis, new CacheProperties(Duration.ofMillis(200), Duration.ofHours(1),
                1_000), meters);
        Map<Long, Long> loaded = shortLived.readThrough(COUNTS, null, List.of(1L), (scope, ids) -> {
            try {
                Thread.sleep(150);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return answer(ids, id -> 3L);
        });
        assertThat(loaded).isEqualTo(Map.of(1L, 3L));
        assertThat(redis.opsForValue().get("rmt:count:1")).isNull();
    }

    @Test
    void aLeafThatFailsIsReplacedByTheLastKnownValueAndCounted() {
        model.readThrough(COUNTS, null, List.of(1L, 2L), (scope, ids) -> answer(ids, id -> id * 5));
        model.invalidation().add(COUNTS, 1).add(COUNTS, 2).run();

        Map<Long, Long> served = model.readThroughRemote(COUNTS, List.of(1L, 2L), (scope, ids) -> {
            throw leafDown();
        });
        assertThat(served).isEqualTo(Map.of(1L, 5L, 2L, 10L));
        assertThat(stale("rmt:count")).isEqualTo(2);

        // remote reads never store: the owner's leaf does
        assertThat(redis.opsForValue().get("rmt:count:1")).matches(TOMBSTONE + "\\|5");
        model.readThroughRemote(COUNTS, List.of(1L), (scope, ids) -> answer(ids, id -> 6L));
        assertThat(redis.opsForValue().get("rmt:count:1")).matches(TOMBSTONE + "\\|5");
    }

    @Test
    void aLeafThatFailsWithNothingKnownIsAClearFailureNeverAMadeUpValue() {
        model.readThrough(COUNTS, null, List.of(1L), (scope, ids) -> answer(ids, id -> 5L));
        model.invalidation().add(COUNTS, 1).add(COUNTS, 2).run();  // 2: a tombstone without a payload

        for (List<Long> ids : List.of(List.of(2L), List.of(3L), List.of(1L, 3L))) {
            assertThatThrownBy(() -> model.readThroughRemote(COUNTS, ids, (scope, asked) -> {
                throw leafDown();
            })).as("%s", ids).isInstanceOf(BizException.class)
                    .extracting(e -> ((BizException) e).errorCode()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE);
        }
        assertThat(stale("rmt:count")).isZero();

        // a loader's own bug is not taken for an unavailable owner
        assertThatThrownBy(() -> model.readThroughRemote(COUNTS, List.of(1L), (scope, ids) -> {
            throw new IllegalStateException("bug");
        })).isInstanceOf(IllegalStateException.class).hasMessage("bug");
    }

    @Test
    void withRedisDownTheLoadersAnswerAndNothingIsStored() throws IOException {
        RecordingTemplate down = template("127.0.0.1", closedPort());
        ReadModel offline = new ReadModel(down, PROPERTIES, meters);

        CountingLoader<Long> truth = new CountingLoader<>((scope, ids) -> answer(ids, id -> id + 1));
        assertThat(offline.readThrough(COUNTS, null, List.of(1L, 2L), truth)).isEqualTo(Map.of(1L, 2L, 2L, 3L));
        assertThat(truth.calls).containsExactly(List.of(1L, 2L));
        // the MGET was attempted; no compare-and-set followed
        assertThat(down.uses.get()).isEqualTo(1);

        ReadModel.Batch batch = offline.batch();
        var rows = batch.remote(ROWS, null, List.of(10L), (scope, ids) -> answer(ids, id -> new Row(id, "r")));
        var flags = batch.owned(FLAGS, 7L, List.of(1L), (viewer, ids) -> answer(ids, id -> true));
        batch.run();
        assertThat(rows.get(10)).isEqualTo(new Row(10, "r"));
        assertThat(flags.get(1)).isTrue();
        assertThat(down.uses.get()).isEqualTo(2);

        // a write's invalidation does not fail the write (MySQL holds it); it is counted
        offline.invalidation().add(COUNTS, 1).run();
        assertThat(meters.counter(ReadModel.INVALIDATION_FAILURES_METRIC).count()).isEqualTo(1);

        // no Redis and no leaf: nothing known, a clear failure
        assertThatThrownBy(() -> offline.readThroughRemote(COUNTS, List.of(1L), (scope, ids) -> {
            throw leafDown();
        })).isInstanceOf(BizException.class);
    }

    @Test
    void immutableValuesAreServedFromMemoryOnTheSecondReadWithNoRedisCommand() {
        CountingLoader<Row> leaf = new CountingLoader<>((scope, ids) -> answer(ids, id -> new Row(id, "t" + id)));
        assertThat(model.readThroughRemote(ROWS, List.of(10L, 11L), leaf)).hasSize(2);
        assertThat(leaf.calls).hasSize(1);

        redis.forget();
        assertThat(model.readThroughRemote(ROWS, List.of(11L, 10L), leaf))
                .isEqualTo(Map.of(10L, new Row(10, "t10"), 11L, new Row(11, "t11")));
        assertThat(redis.uses.get()).isZero();
        assertThat(leaf.calls).hasSize(1);

        // a batch mixing them with mutable entries reads only the mutable ones from Redis
        ReadModel.Batch batch = model.batch();
        batch.remote(ROWS, null, List.of(10L, 11L, 12L), leaf);
        batch.remote(COUNTS, null, List.of(1L), (scope, ids) -> answer(ids, id -> 1L));
        batch.run();
        assertThat(redis.commands()).containsExactly("mGet 3");
        assertThat(leaf.calls).containsExactly(List.of(10L, 11L), List.of(12L));

        // mutable entries are never kept in memory: every read asks Redis, so every instance sees a write at once
        redis.forget();
        model.readThrough(COUNTS, null, List.of(1L), (scope, ids) -> answer(ids, id -> 1L));
        model.readThrough(COUNTS, null, List.of(1L), (scope, ids) -> answer(ids, id -> 1L));
        assertThat(redis.commands()).filteredOn(cmd -> cmd.startsWith("mGet")).hasSize(2);
    }

    @Test
    void aGuardIsReadInTheSameMgetAndStopsTheBatchWhenItMoved() {
        redis.opsForValue().set("rmt:clock", "41");
        redis.forget();
        CountingLoader<Long> leaf = new CountingLoader<>((scope, ids) -> answer(ids, id -> 1L));

        ReadModel.Batch held = model.batch().guard("rmt:clock", "41");
        var counts = held.remote(COUNTS, null, List.of(1L), leaf);
        held.run();
        assertThat(held.guardHeld()).isTrue();
        assertThat(counts.get(1)).isEqualTo(1L);
        assertThat(redis.commands()).containsExactly("mGet 3");

        redis.opsForValue().set("rmt:clock", "42");
        ReadModel.Batch moved = model.batch().guard("rmt:clock", "41");
        moved.remote(COUNTS, null, List.of(1L), leaf);
        moved.run();
        assertThat(moved.guardHeld()).isFalse();
        assertThat(leaf.calls).hasSize(1);

        ReadModel.Batch absent = model.batch().guard("rmt:nothing", null);
        absent.run();
        assertThat(absent.guardHeld()).isTrue();
    }

    private double stale(String space) {
        Counter counter = meters.find(ReadModel.STALE_METRIC).tag("space", space).counter();
        return counter == null ? 0 : counter.count();
    }

    private static <V> Map<Long, V> answer(List<Long> ids, java.util.function.Function<Long, V> value) {
        Map<Long, V> map = new HashMap<>();
        for (Long id : ids) {
            map.put(id, value.apply(id));
        }
        return map;
    }

    /** What Feign throws when the owner does not answer. */
    private static RetryableException leafDown() {
        Request request = Request.create(Request.HttpMethod.POST, "http://owner/internal/x", Map.of(), new byte[0],
                StandardCharsets.UTF_8, null);
        return new RetryableException(-1, "Connection refused", Request.HttpMethod.POST, (Long) null, request);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private RecordingTemplate template(String host, int port) {
        RedisStandaloneConfiguration server = new RedisStandaloneConfiguration(host, port);
        server.setDatabase(DB);
        LettuceConnectionFactory factory = new LettuceConnectionFactory(server,
                LettuceClientConfiguration.builder().commandTimeout(Duration.ofSeconds(2)).build());
        factory.afterPropertiesSet();
        factories.add(factory);
        return new RecordingTemplate(factory);
    }

    /** A loader that remembers the ids of every call. */
    private static final class CountingLoader<V> implements ReadModel.Loader<V> {
        final List<List<Long>> calls = Collections.synchronizedList(new ArrayList<>());
        private final ReadModel.Loader<V> answers;

        CountingLoader(ReadModel.Loader<V> answers) {
            this.answers = answers;
        }

        @Override
        public Map<Long, V> load(Long scope, List<Long> ids) {
            calls.add(List.copyOf(ids));
            return answers.load(scope, ids);
        }
    }

    /**
     * Counts connection uses (one per template operation, made or attempted) and records each command sent on
     * them ("mGet n" for an MGET of n keys).
     */
    static final class RecordingTemplate extends StringRedisTemplate {
        final AtomicInteger uses = new AtomicInteger();
        private final List<String> commands = Collections.synchronizedList(new ArrayList<>());

        RecordingTemplate(RedisConnectionFactory factory) {
            super(factory);
        }

        List<String> commands() {
            return List.copyOf(commands);
        }

        void forget() {
            uses.set(0);
            commands.clear();
        }

        @Override
        public <T> T execute(RedisCallback<T> action, boolean exposeConnection, boolean pipeline) {
            uses.incrementAndGet();
            return super.execute(connection -> action.doInRedis(recording(connection)), exposeConnection, pipeline);
        }

        private RedisConnection recording(RedisConnection connection) {
            return (RedisConnection) Proxy.newProxyInstance(getClass().getClassLoader(),
                    ClassUtils.getAllInterfaces(connection), (proxy, method, args) -> {
                        String name = method.getName();
                        if (!name.startsWith("is") && !name.startsWith("get") && !name.equals("close")) {
                            commands.add(name.equals("mGet") ? name + " " + ((Object[]) args[0]).length : name);
                        }
                        try {
                            return method.invoke(connection, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }
    }
}
