package com.dousheng.interaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dousheng.common.api.interaction.UserInteractionStats;
import com.dousheng.common.api.interaction.VideoStats;
import com.dousheng.interaction.comment.CommentService;
import com.dousheng.interaction.counter.CounterKey;
import com.dousheng.interaction.counter.CounterReconcileJob;
import com.dousheng.interaction.counter.CounterStore;
import com.dousheng.interaction.counter.TruthCountMapper;
import com.dousheng.interaction.counter.TruthCounts;
import com.dousheng.interaction.favorite.FavoriteMapper;
import com.dousheng.interaction.favorite.FavoriteService;
import com.dousheng.interaction.internal.InteractionStatsService;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The cache's failure modes, staged one at a time: flushes, drift, and recounts that race a write. */
class CounterStoreTest extends InteractionTestBase {
    @Autowired
    FavoriteService favorites;
    @Autowired
    FavoriteMapper favoriteMapper;
    @Autowired
    CommentService comments;
    @Autowired
    InteractionStatsService stats;
    @Autowired
    CounterStore counters;
    @Autowired
    CounterReconcileJob reconcileJob;
    @Autowired
    TruthCountMapper truthMapper;
    @Autowired
    InteractionProperties properties;

    /** video 100 (author 10): liked by 1, 2, 3, two comments; video 101 (author 11): liked by 1, one comment. */
    private void someActivity() {
        video(100, 10);
        video(101, 11);
        favorites.act(1, 100, 1);
        favorites.act(2, 100, 1);
        favorites.act(3, 100, 1);
        favorites.act(1, 101, 1);
        comments.act(4, 100, 1, "a", null);
        comments.act(5, 100, 1, "b", null);
        comments.act(4, 101, 1, "c", null);
    }

    private void assertActivityCounts() {
        assertThat(stats.videoStats(1L, List.of(100L, 101L, 102L))).containsExactly(
                new VideoStats(100, 3, 2, true), new VideoStats(101, 1, 1, true), new VideoStats(102, 0, 0, false));
        assertThat(stats.userStats(List.of(1L, 2L, 10L, 11L))).containsExactly(
                new UserInteractionStats(1, 2, 0), new UserInteractionStats(2, 1, 0),
                new UserInteractionStats(10, 0, 3), new UserInteractionStats(11, 0, 1));
    }

    @Test
    void afterFlushdbEveryCountIsStillRightAndIsCachedAgain() {
        someActivity();
        assertActivityCounts();
        assertThat(cached(CounterKey.videoFavorites(100))).isEqualTo("3");

        flushRedis();
        assertThat(redis.keys("interaction:*")).isEmpty();
        assertActivityCounts();
        assertThat(cached(CounterKey.videoFavorites(100))).isEqualTo("3");
        assertThat(cached(CounterKey.videoComments(100))).isEqualTo("2");
        assertThat(cached(CounterKey.userLiked(1))).isEqualTo("2");
        assertThat(cached(CounterKey.userReceived(10))).isEqualTo("3");

        // writes after the flush move the rebuilt values
        favorites.act(1, 100, 2);
        flushRedis();
        favorites.act(4, 100, 1);
        assertThat(stats.videoStats(null, List.of(100L)).get(0).favoriteCount()).isEqualTo(3);
        assertThat(stats.userStats(List.of(1L)).get(0).favoriteCount()).isEqualTo(1);
    }

    @Test
    void writesWhileTheCacheIsColdAreCountedOnceTheyAreRebuilt() {
        someActivity();
        flushRedis();
        // no counter cached: the writes only touch MySQL, the next read counts them
        favorites.act(2, 101, 1);
        comments.act(6, 101, 1, "d", null);
        assertThat(cached(CounterKey.videoFavorites(101))).isNull();
        assertThat(stats.videoStats(null, List.of(101L))).containsExactly(new VideoStats(101, 2, 2, false));
        // now cached: further writes increment the cached value
        favorites.act(3, 101, 1);
        assertThat(cached(CounterKey.videoFavorites(101))).isEqualTo("3");
        assertThat(stats.videoStats(null, List.of(101L))).containsExactly(new VideoStats(101, 3, 2, false));
    }

    @Test
    void reconcileRepairsInjectedDrift() {
        someActivity();
        assertActivityCounts();
        redis.opsForValue().set(CounterKey.videoFavorites(100).countKey(), "999");
        redis.opsForValue().set(CounterKey.videoComments(101).countKey(), "0");
        redis.opsForValue().set(CounterKey.userReceived(10).countKey(), "-4");
        redis.opsForValue().set(CounterKey.userLiked(1).countKey(), "7");
        // a counter of a video whose likes were removed behind the cache's back
        jdbc.update("DELETE FROM favorite WHERE user_id = 1 AND video_id = 101");

        int repaired = reconcileJob.reconcile();

        assertThat(repaired).isEqualTo(6);
        assertThat(cached(CounterKey.videoFavorites(100))).isEqualTo("3");
        assertThat(cached(CounterKey.videoComments(101))).isEqualTo("1");
        assertThat(cached(CounterKey.userReceived(10))).isEqualTo("3");
        assertThat(cached(CounterKey.userLiked(1))).isEqualTo("1");
        assertThat(cached(CounterKey.videoFavorites(101))).isEqualTo("0");
        assertThat(cached(CounterKey.userReceived(11))).isEqualTo("0");
        assertThat(stats.videoStats(1L, List.of(100L, 101L))).containsExactly(
                new VideoStats(100, 3, 2, true), new VideoStats(101, 0, 1, false));
        assertThat(reconcileJob.reconcile()).isZero();
    }

    @Test
    void aRecountDuringAWriteIsNotCachedSoTheWriteIsNotCountedTwice() {
        video(100, 10);
        // a reader recounts after the like reached MySQL but before the write updated Redis
        counters.apply(List.of(CounterKey.videoFavorites(100)), () -> {
            int changed = favoriteMapper.insertIgnore(1, 100, 10, System.currentTimeMillis());
            Map<CounterKey, Long> seen = counters.read(List.of(CounterKey.videoFavorites(100)));
            assertThat(seen.get(CounterKey.videoFavorites(100))).isEqualTo(1);
            return changed;
        });
        assertThat(stats.videoStats(null, List.of(100L)).get(0).favoriteCount()).isEqualTo(1);
        assertThat(cached(CounterKey.videoFavorites(100))).isEqualTo("1");
    }

    @Test
    void aRecountThatAWholeWriteOvertookIsNotCached() {
        video(100, 10);
        // this reader counts MySQL, then a complete like happens, then it tries to cache its (now old) count
        TruthCounts slowTruth = new TruthCounts(truthMapper) {
            @Override
            public Map<CounterKey, Long> count(Collection<CounterKey> keys) {
                Map<CounterKey, Long> before = super.count(keys);
                favorites.act(1, 100, 1);
                return before;
            }
        };
        CounterStore slowReader = new CounterStore(redis, slowTruth, properties);
        assertThat(slowReader.read(List.of(CounterKey.videoFavorites(100))).get(CounterKey.videoFavorites(100)))
                .isZero();

        assertThat(cached(CounterKey.videoFavorites(100))).isNull();
        assertThat(stats.videoStats(null, List.of(100L)).get(0).favoriteCount()).isEqualTo(1);
    }

    @Test
    void aFailedWriteLeavesNoPendingMarkThatWouldBlockCaching() {
        video(100, 10);
        // the staged failure must come out of apply: a swallowed one would leave nothing for this test to check
        assertThatThrownBy(() -> counters.apply(List.of(CounterKey.videoFavorites(100)), () -> {
            throw new IllegalStateException("statement failed");
        })).isInstanceOf(IllegalStateException.class).hasMessage("statement failed");
        assertThat(redis.keys("interaction:pending:*")).isEmpty();
        assertThat(stats.videoStats(null, List.of(100L)).get(0).favoriteCount()).isZero();
        assertThat(cached(CounterKey.videoFavorites(100))).isEqualTo("0");
    }
}
