package com.dousheng.relation;

import static org.assertj.core.api.Assertions.assertThat;

import com.dousheng.common.api.relation.RelationCounts;
import com.dousheng.common.cache.ReadModel;
import com.dousheng.relation.follow.FollowMapper;
import com.dousheng.relation.follow.FollowStatsService;
import com.dousheng.relation.follow.IdCount;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class FollowConcurrencyTest extends RelationServiceTestBase {
    private static final String TOMBSTONE = "~[0-9a-f]+";

    @Autowired
    FollowMapper followMapper;
    @Autowired
    FollowStatsService stats;
    @Autowired
    ReadModel readModel;

    @Test
    void thirtyUsersFollowingOneUserAtOnceGiveThirtyFollowers() throws Exception {
        long target = 500;
        List<Callable<Void>> tasks = new ArrayList<>();
        for (long follower = 1; follower <= 30; follower++) {
            long f = follower;
            tasks.add(() -> {
                follow(f, target);
                follow(f, target); // a retry must not count twice
                return null;
            });
        }
        runAtOnce(tasks);

        assertThat(dbFollowerCount(target)).isEqualTo(30);
        assertThat(stats(null, target)).isEqualTo(new Stats(target, 0, 30, false));
        assertThat(stats(7L, List.of(7L))).containsExactly(new Stats(7, 1, 0, false));
        assertThat(stats(7L, target).followedByViewer()).isTrue();
    }

    @Test
    void concurrentFollowAndUnfollowOfOnePairEndConsistent() throws Exception {
        long a = 11;
        long b = 12;
        AtomicBoolean writing = new AtomicBoolean(true);
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int t = 0; t < 6; t++) {
            tasks.add(() -> {
                for (int i = 0; i < 30; i++) {
                    if (ThreadLocalRandom.current().nextBoolean()) {
                        follow(a, b);
                    } else {
                        unfollow(a, b);
                    }
                }
                return null;
            });
        }
        // readers refill the cache while writes invalidate it: a stale refill would outlive the writes
        for (int t = 0; t < 2; t++) {
            tasks.add(() -> {
                while (writing.get()) {
                    stats(a, List.of(a, b));
                }
                return null;
            });
        }
        runAtOnce(tasks, writing, 6);

        long rows = jdbc.queryForObject("SELECT COUNT(*) FROM follow WHERE follower_id = ? AND followee_id = ?",
                Long.class, a, b);
        assertThat(rows).isBetween(0L, 1L);
        assertThat(followRows()).isEqualTo(rows);
        assertThat(stats(a, List.of(a, b))).containsExactly(
                new Stats(a, rows, 0, false), new Stats(b, 0, rows, rows == 1));
        assertThat(countsEntry(b)).isEqualTo("=0," + rows);
        assertThat(followsEntry(a, b)).isEqualTo(rows == 1 ? "=1" : "=0");

        follow(a, b);
        assertThat(stats(a, b)).isEqualTo(new Stats(b, 0, 1, true));
        unfollow(a, b);
        assertThat(stats(a, List.of(a, b))).containsExactly(
                new Stats(a, 0, 0, false), new Stats(b, 0, 0, false));
    }

    /**
     * The race the protocol exists for, made deterministic: a reader looks into Redis (nothing there), counts the
     * table, then a whole follow of user 21 commits and invalidates, then the reader tries to store its counts.
     */
    @Test
    void aReaderDoesNotStoreCountsComputedBeforeAConcurrentWrite() throws Exception {
        // as in a running suite, where the first write started the read model's epoch long ago (right after a
        // flush the first write would start it and the reader would store nothing at all)
        redis.opsForValue().set(ReadModel.EPOCH_KEY, "running");
        FollowStatsService slowReader = new FollowStatsService(new CountThenWrite(() -> {
            try {
                follow(23, 21);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }), readModel);
        assertThat(slowReader.counts(List.of(21L, 22L))).containsExactly(
                new RelationCounts(21, 0, 0), new RelationCounts(22, 0, 0));

        assertThat(countsEntry(21)).matches(TOMBSTONE);
        assertThat(countsEntry(22)).isEqualTo("=0,0");
        assertThat(stats.counts(List.of(21L, 22L, 23L))).containsExactly(
                new RelationCounts(21, 0, 1), new RelationCounts(22, 0, 0), new RelationCounts(23, 1, 0));
        assertThat(countsEntry(21)).isEqualTo("=0,1");
    }

    /** The same over a tombstone: the one the reader saw is replaced by the overtaking write's, so no store. */
    @Test
    void aReaderDoesNotStoreCountsOverATombstoneThatWasReplacedMeanwhile() throws Exception {
        follow(24, 21);
        String seen = countsEntry(21);
        assertThat(seen).matches(TOMBSTONE);
        FollowStatsService slowReader = new FollowStatsService(new CountThenWrite(() -> {
            try {
                unfollow(24, 21);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }), readModel);
        assertThat(slowReader.counts(List.of(21L))).containsExactly(new RelationCounts(21, 0, 1));

        assertThat(countsEntry(21)).matches(TOMBSTONE).isNotEqualTo(seen);
        assertThat(stats.counts(List.of(21L))).containsExactly(new RelationCounts(21, 0, 0));
    }

    /** The follow table, with {@code write} run right after the followers of the asked users were counted. */
    private final class CountThenWrite implements FollowMapper {
        private final Runnable write;

        CountThenWrite(Runnable write) {
            this.write = write;
        }

        @Override
        public List<IdCount> followerCounts(Collection<Long> userIds) {
            List<IdCount> counted = followMapper.followerCounts(userIds);
            write.run();
            return counted;
        }

        @Override
        public List<IdCount> followCounts(Collection<Long> userIds) {
            return followMapper.followCounts(userIds);
        }

        @Override
        public int insertIfAbsent(long followerId, long followeeId) {
            return followMapper.insertIfAbsent(followerId, followeeId);
        }

        @Override
        public int delete(long followerId, long followeeId) {
            return followMapper.delete(followerId, followeeId);
        }

        @Override
        public List<Long> followeeIds(long userId, int limit) {
            return followMapper.followeeIds(userId, limit);
        }

        @Override
        public List<Long> followerIds(long userId, int limit) {
            return followMapper.followerIds(userId, limit);
        }

        @Override
        public List<Long> friendIds(long userId, int limit) {
            return followMapper.friendIds(userId, limit);
        }

        @Override
        public List<Long> followedAmong(long followerId, Collection<Long> userIds) {
            return followMapper.followedAmong(followerId, userIds);
        }
    }

    private void runAtOnce(List<Callable<Void>> tasks) throws Exception {
        runAtOnce(tasks, null, tasks.size());
    }

    /** Starts all tasks together; when the first {@code writers} tasks are done, {@code writing} turns false. */
    private void runAtOnce(List<Callable<Void>> tasks, AtomicBoolean writing, int writers) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Void>> futures = new ArrayList<>();
            for (Callable<Void> task : tasks) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            for (int i = 0; i < writers; i++) {
                futures.get(i).get(2, TimeUnit.MINUTES);
            }
            if (writing != null) {
                writing.set(false);
            }
            for (Future<Void> future : futures) {
                future.get(2, TimeUnit.MINUTES);
            }
        } finally {
            if (writing != null) {
                writing.set(false);
            }
            pool.shutdownNow();
        }
    }
}
