package com.dousheng.interaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;

import com.dousheng.common.api.interaction.UserInteractionStats;
import com.dousheng.common.api.interaction.VideoCounts;
import com.dousheng.common.cache.CacheProperties;
import com.dousheng.common.cache.ReadModel;
import com.dousheng.interaction.comment.CommentService;
import com.dousheng.interaction.counter.IdCount;
import com.dousheng.interaction.counter.InteractionCounts;
import com.dousheng.interaction.counter.TruthCountMapper;
import com.dousheng.interaction.favorite.FavoriteMapper;
import com.dousheng.interaction.favorite.FavoriteService;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * interaction-service's counters on the read model, its failure modes staged one at a time: a flushed Redis, a lost
 * invalidation, counts that a write overtakes between the look into Redis and the store, and a second instance.
 */
class CountsReadModelTest extends InteractionTestBase {
    private static final String TOMBSTONE = "~[0-9a-f]+";

    @Autowired
    FavoriteService favorites;
    @Autowired
    FavoriteMapper favoriteMapper;
    @Autowired
    CommentService comments;
    @Autowired
    InteractionCounts counts;
    @Autowired
    ReadModel readModel;
    @Autowired
    TruthCountMapper truthMapper;
    @Autowired
    CacheProperties cacheProperties;

    /** video 100 (author 10): liked by 1, 2, 3, two comments; video 102 (author 11): liked by 1, one comment. */
    private void someActivity() {
        video(100, 10);
        video(102, 11);
        favorites.act(1, 100, 1);
        favorites.act(2, 100, 1);
        favorites.act(3, 100, 1);
        favorites.act(1, 102, 1);
        comments.act(4, 100, 1, "a", null);
        comments.act(5, 100, 1, "b", null);
        comments.act(4, 102, 1, "c", null);
    }

    private void assertActivityCounts(InteractionCounts counts) {
        assertThat(counts.videoCounts(List.of(100L, 102L, 103L))).containsExactly(
                new VideoCounts(100, 3, 2), new VideoCounts(102, 1, 1), new VideoCounts(103, 0, 0));
        assertThat(counts.likedAmong(1, List.of(100L, 102L, 103L))).containsExactly(100L, 102L);
        assertThat(counts.likedAmong(2, List.of(100L, 102L, 103L))).containsExactly(100L);
        assertThat(counts.userStats(List.of(1L, 2L, 10L, 11L))).containsExactly(
                new UserInteractionStats(1, 2, 0), new UserInteractionStats(2, 1, 0),
                new UserInteractionStats(10, 0, 3), new UserInteractionStats(11, 0, 1));
    }

    @Test
    void afterFlushdbEveryCountIsStillRightAndIsStoredAgain() {
        someActivity();
        assertActivityCounts(counts);
        assertThat(videoEntry(100)).isEqualTo("=3,2");

        flushRedis();
        assertThat(redis.keys("interaction:*")).isEmpty();
        assertActivityCounts(counts);
        assertThat(videoEntry(100)).isEqualTo("=3,2");
        assertThat(videoEntry(103)).isEqualTo("=0,0");
        assertThat(userEntry(1)).isEqualTo("=2,0");
        assertThat(userEntry(10)).isEqualTo("=0,3");
        assertThat(likeEntry(1, 102)).isEqualTo("=1");
        assertThat(likeEntry(2, 102)).isEqualTo("=0");

        // writes after the flush move the rebuilt values
        favorites.act(1, 100, 2);
        flushRedis();
        favorites.act(4, 100, 1);
        assertThat(counts.videoCounts(List.of(100L)).get(0).favoriteCount()).isEqualTo(3);
        assertThat(counts.userStats(List.of(1L)).get(0).favoriteCount()).isEqualTo(1);
        assertThat(counts.likedAmong(4, List.of(100L))).containsExactly(100L);
    }

    @Test
    void aWriteLeavesATombstoneCarryingTheLastCountsAndTheNextReadStoresTheNewOnes() {
        someActivity();
        assertActivityCounts(counts);

        favorites.act(4, 100, 1);
        assertThat(videoEntry(100)).matches(TOMBSTONE + "\\|3,2");
        assertThat(userEntry(4)).matches(TOMBSTONE + "\\|0,0");
        assertThat(userEntry(10)).matches(TOMBSTONE + "\\|0,3");
        assertThat(likeEntry(4, 100)).matches(TOMBSTONE);
        String first = videoEntry(100);

        // a second write before any read: a new token, and still the last value known to have been served
        comments.act(5, 100, 1, "c", null);
        assertThat(videoEntry(100)).matches(TOMBSTONE + "\\|3,2").isNotEqualTo(first);

        assertThat(counts.videoCounts(List.of(100L))).containsExactly(new VideoCounts(100, 4, 3));
        assertThat(videoEntry(100)).isEqualTo("=4,3");
        assertThat(counts.likedAmong(4, List.of(100L))).containsExactly(100L);
        assertThat(likeEntry(4, 100)).isEqualTo("=1");
    }

    @Test
    void aCountThatAWholeWriteOvertookIsNotStoredOverTheAbsenceItSaw() {
        video(100, 10);
        // this reader sees no entry, counts MySQL, then a complete like (commit and invalidation) happens, then it
        // tries to store its (now older) count
        InteractionCounts slowReader = new InteractionCounts(readModel,
                new TruthBeforeWrite(() -> favorites.act(1, 100, 1)), favoriteMapper);
        assertThat(slowReader.videoCounts(List.of(100L))).containsExactly(new VideoCounts(100, 0, 0));

        assertThat(videoEntry(100)).matches(TOMBSTONE);
        assertThat(counts.videoCounts(List.of(100L))).containsExactly(new VideoCounts(100, 1, 0));
        assertThat(videoEntry(100)).isEqualTo("=1,0");
    }

    @Test
    void aCountThatAWholeWriteOvertookIsNotStoredOverTheTombstoneItSaw() {
        video(100, 10);
        assertThat(counts.videoCounts(List.of(100L))).containsExactly(new VideoCounts(100, 0, 0));
        favorites.act(2, 100, 1);
        String seen = videoEntry(100);
        assertThat(seen).matches(TOMBSTONE + "\\|0,0");

        InteractionCounts slowReader = new InteractionCounts(readModel,
                new TruthBeforeWrite(() -> favorites.act(1, 100, 1)), favoriteMapper);
        assertThat(slowReader.videoCounts(List.of(100L))).containsExactly(new VideoCounts(100, 1, 0));

        assertThat(videoEntry(100)).matches(TOMBSTONE + "\\|0,0").isNotEqualTo(seen);
        assertThat(counts.videoCounts(List.of(100L))).containsExactly(new VideoCounts(100, 2, 0));
    }

    @Test
    void aCountTakenAfterACommitButBeforeItsInvalidationIsReplacedByThatInvalidation() {
        video(100, 10);
        // the like reaches MySQL, a reader counts it and stores it, and only then the like's invalidation runs
        InteractionCounts reader = new InteractionCounts(readModel,
                new TruthAfterWrite(() -> favoriteMapper.insertIgnore(1, 100, 10, System.currentTimeMillis())),
                favoriteMapper);
        assertThat(reader.videoCounts(List.of(100L))).containsExactly(new VideoCounts(100, 1, 0));
        assertThat(videoEntry(100)).isEqualTo("=1,0");
        counts.likeChanged(1, 100, 10);

        assertThat(videoEntry(100)).matches(TOMBSTONE + "\\|1,0");
        assertThat(counts.videoCounts(List.of(100L))).containsExactly(new VideoCounts(100, 1, 0));
        assertThat(rows("favorite")).isEqualTo(1);
    }

    @Test
    void aRetriedLikeRepairsAnInvalidationThatWasLost() {
        someActivity();
        assertActivityCounts(counts);
        // a like whose invalidation never ran (its instance died between the commit and Redis)
        favoriteMapper.insertIgnore(9, 100, 10, System.currentTimeMillis());
        assertThat(counts.videoCounts(List.of(100L)).get(0).favoriteCount()).isEqualTo(3);

        // the client retries: the row is there already, the invalidation runs anyway
        favorites.act(9, 100, 1);
        assertThat(rows("favorite", "user_id = 9")).isEqualTo(1);
        assertThat(counts.videoCounts(List.of(100L)).get(0).favoriteCount()).isEqualTo(4);
        assertThat(counts.userStats(List.of(9L, 10L))).containsExactly(
                new UserInteractionStats(9, 1, 0), new UserInteractionStats(10, 0, 4));
        assertThat(counts.likedAmong(9, List.of(100L))).containsExactly(100L);
    }

    @Test
    void aWriteOnOneInstanceIsSeenOnTheVeryNextReadOfAnother() throws Exception {
        video(100, 10);
        // another instance of interaction-service: its own ReadModel (and memory) over the same Redis and MySQL
        InteractionCounts other = new InteractionCounts(
                new ReadModel(redis, cacheProperties, new SimpleMeterRegistry()), truthMapper, favoriteMapper);
        assertThat(other.videoCounts(List.of(100L))).containsExactly(new VideoCounts(100, 0, 0));
        assertThat(other.likedAmong(1, List.of(100L))).isEmpty();
        assertThat(other.userStats(List.of(10L))).containsExactly(new UserInteractionStats(10, 0, 0));

        mvc.perform(as(1, post("/douyin/favorite/action/").param("video_id", "100").param("action_type", "1")))
                .andExpect(jsonPath("$.status_code").value(0));
        assertThat(other.videoCounts(List.of(100L))).containsExactly(new VideoCounts(100, 1, 0));
        assertThat(other.likedAmong(1, List.of(100L))).containsExactly(100L);
        assertThat(other.userStats(List.of(10L))).containsExactly(new UserInteractionStats(10, 0, 1));

        // and the other way round: a like the other instance commits shows in this one's list right away
        mvc.perform(as(2, get("/douyin/favorite/list/").param("user_id", "1")))
                .andExpect(jsonPath("$.video_list[0].favorite_count").value(1))
                .andExpect(jsonPath("$.video_list[0].is_favorite").value(false));
        favoriteMapper.insertIgnore(2, 100, 10, System.currentTimeMillis());
        other.likeChanged(2, 100, 10);
        mvc.perform(as(2, get("/douyin/favorite/list/").param("user_id", "1")))
                .andExpect(jsonPath("$.video_list[0].favorite_count").value(2))
                .andExpect(jsonPath("$.video_list[0].is_favorite").value(true))
                .andExpect(jsonPath("$.video_list[0].author.total_favorited").value(2));
    }

    /** The truth tables, with {@code write} run right after the likes of the asked videos were counted. */
    private final class TruthBeforeWrite extends DelegatingTruth {
        TruthBeforeWrite(Runnable write) {
            super(write);
        }

        @Override
        public List<IdCount> favoritesByVideo(Collection<Long> ids) {
            List<IdCount> counted = truthMapper.favoritesByVideo(ids);
            write.run();
            return counted;
        }
    }

    /** The truth tables, with {@code write} run right before the likes of the asked videos are counted. */
    private final class TruthAfterWrite extends DelegatingTruth {
        TruthAfterWrite(Runnable write) {
            super(write);
        }

        @Override
        public List<IdCount> favoritesByVideo(Collection<Long> ids) {
            write.run();
            return truthMapper.favoritesByVideo(ids);
        }
    }

    private abstract class DelegatingTruth implements TruthCountMapper {
        final Runnable write;

        DelegatingTruth(Runnable write) {
            this.write = write;
        }

        @Override
        public List<IdCount> commentsByVideo(Collection<Long> ids) {
            return truthMapper.commentsByVideo(ids);
        }

        @Override
        public List<IdCount> favoritesByUser(Collection<Long> ids) {
            return truthMapper.favoritesByUser(ids);
        }

        @Override
        public List<IdCount> favoritesByAuthor(Collection<Long> ids) {
            return truthMapper.favoritesByAuthor(ids);
        }
    }
}
