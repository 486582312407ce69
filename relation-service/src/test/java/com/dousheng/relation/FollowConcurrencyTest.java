package com.dousheng.relation;

import static org.assertj.core.api.Assertions.assertThat;

import com.dousheng.common.api.relation.RelationStats;
import com.dousheng.relation.follow.FollowCountCache;
import com.dousheng.relation.follow.FollowCounts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
    @Autowired
    FollowCountCache cache;

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
        assertThat(stats(null, target)).isEqualTo(new RelationStats(target, 0, 30, false));
        assertThat(stats(7L, List.of(7L))).containsExactly(new RelationStats(7, 1, 0, false));
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
                new RelationStats(a, rows, 0, false), new RelationStats(b, 0, rows, rows == 1));
        assertThat(redis.opsForValue().get("relation:counts:" + b)).isEqualTo("0:" + rows);

        follow(a, b);
        assertThat(stats(a, b)).isEqualTo(new RelationStats(b, 0, 1, true));
        unfollow(a, b);
        assertThat(stats(a, List.of(a, b))).containsExactly(
                new RelationStats(a, 0, 0, false), new RelationStats(b, 0, 0, false));
    }

    /** The race the version keys exist for, made deterministic: a write lands between a reader's read and store. */
    @Test
    void aReaderDoesNotStoreCountsComputedBeforeAConcurrentWrite() {
        FollowCountCache.Lookup lookup = cache.lookup(List.of(21L, 22L));
        assertThat(lookup.missVersions()).containsOnlyKeys(21L, 22L);
        cache.invalidate(21L); // a write to user 21 commits after the reader queried the database
        cache.storeIfUnchanged(Map.of(21L, new FollowCounts(5, 5), 22L, new FollowCounts(1, 2)),
                lookup.missVersions());

        assertThat(redis.opsForValue().get("relation:counts:21")).isNull();
        assertThat(redis.opsForValue().get("relation:counts:22")).isEqualTo("1:2");
        assertThat(cache.lookup(List.of(22L)).hits()).containsEntry(22L, new FollowCounts(1, 2));
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
