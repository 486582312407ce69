package com.dousheng.interaction;

import static org.assertj.core.api.Assertions.assertThat;

import com.dousheng.common.web.BizException;
import com.dousheng.common.web.ErrorCode;
import com.dousheng.interaction.comment.CommentService;
import com.dousheng.interaction.comment.CommentView;
import com.dousheng.interaction.counter.InteractionCounts;
import com.dousheng.interaction.favorite.FavoriteService;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Many requests at the same instant (released by one latch), with readers reading the counters while the writes
 * run: every write leaves tombstones, so each read after one counts MySQL again and tries to store its count while
 * other writes commit. Afterwards every count served and every value stored must equal COUNT(*) over the truth
 * tables.
 */
class CounterConcurrencyTest extends InteractionTestBase {
    @Autowired
    FavoriteService favorites;
    @Autowired
    CommentService comments;
    @Autowired
    InteractionCounts counts;

    @Test
    void fiftyUsersLikingOneVideoAtTheSameMomentGiveFifty() throws Exception {
        video(100, 10);
        List<Callable<Object>> tasks = new ArrayList<>();
        for (long user = 1; user <= 50; user++) {
            long u = user;
            tasks.add(() -> {
                favorites.act(u, 100, 1);
                return null;
            });
        }
        tasks.addAll(readers(List.of(100L), List.of(10L, 1L, 2L)));
        concurrently(tasks);

        assertThat(rows("favorite", "video_id = 100")).isEqualTo(50);
        assertThat(counts.videoCounts(List.of(100L)).get(0).favoriteCount()).isEqualTo(50);
        assertThat(counts.userStats(List.of(10L)).get(0).totalFavorited()).isEqualTo(50);
        assertThat(videoEntry(100)).isEqualTo("=50,0");
        // user 10, the author, is one of the fifty
        assertThat(userEntry(10)).isEqualTo("=1,50");
        assertCountsMatchTruth(List.of(100L), range(1, 50), List.of(10L));
    }

    @Test
    void oneUserSendingLikeTwentyTimesConcurrentlyGivesOne() throws Exception {
        video(100, 10);
        List<Callable<Object>> tasks = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            tasks.add(() -> {
                favorites.act(1, 100, 1);
                return null;
            });
        }
        tasks.addAll(readers(List.of(100L), List.of(1L, 10L)));
        concurrently(tasks);

        assertThat(rows("favorite")).isEqualTo(1);
        assertThat(counts.videoCounts(List.of(100L)).get(0).favoriteCount()).isEqualTo(1);
        assertThat(counts.likedAmong(1, List.of(100L))).containsExactly(100L);
        assertThat(counts.userStats(List.of(1L)).get(0).favoriteCount()).isEqualTo(1);
        assertThat(counts.userStats(List.of(10L)).get(0).totalFavorited()).isEqualTo(1);
        assertCountsMatchTruth(List.of(100L), List.of(1L), List.of(10L));
    }

    @Test
    void interleavedLikesAndUnlikesEndConsistentWithTheTruthTableAndTheLastRequestWins() throws Exception {
        video(100, 10);
        video(102, 11);
        Random random = new Random(42);
        List<Callable<Object>> tasks = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            long user = 1 + random.nextInt(6);
            long videoId = random.nextBoolean() ? 100 : 102;
            int action = 1 + random.nextInt(2);
            tasks.add(() -> {
                favorites.act(user, videoId, action);
                return null;
            });
        }
        tasks.addAll(readers(List.of(100L, 102L), List.of(1L, 2L, 3L, 10L, 11L)));
        concurrently(tasks);
        assertCountsMatchTruth(List.of(100L, 102L), range(1, 6), List.of(10L, 11L));

        // whatever the storm left, each user's next request decides the state
        for (long user = 1; user <= 6; user++) {
            favorites.act(user, 100, user % 2 == 0 ? 1 : 2);
            assertThat(counts.likedAmong(user, List.of(100L)).contains(100L)).isEqualTo(user % 2 == 0);
        }
        assertThat(counts.videoCounts(List.of(100L)).get(0).favoriteCount()).isEqualTo(3);
        assertCountsMatchTruth(List.of(100L, 102L), range(1, 6), List.of(10L, 11L));
    }

    @Test
    void commentsPostedAndDeletedConcurrentlyKeepTheCountEqualToTheTable() throws Exception {
        video(100, 10);
        List<Callable<CommentView>> posts = new ArrayList<>();
        for (long user = 1; user <= 40; user++) {
            long u = user;
            posts.add(() -> comments.act(u, 100, 1, "comment of " + u, null));
        }
        List<CommentView> posted = concurrently(posts);
        assertThat(rows("comment", "video_id = 100")).isEqualTo(40);
        assertThat(counts.videoCounts(List.of(100L)).get(0).commentCount()).isEqualTo(40);

        // each of 20 comments deleted twice at once, while 10 new ones arrive and readers recount
        List<Callable<Object>> mixed = new ArrayList<>();
        for (CommentView view : posted.subList(0, 20)) {
            for (int twice = 0; twice < 2; twice++) {
                mixed.add(() -> {
                    try {
                        comments.act(view.user().id(), 100, 2, null, view.id());
                        return true;
                    } catch (BizException e) {
                        assertThat(e.errorCode()).isEqualTo(ErrorCode.COMMENT_NOT_FOUND);
                        return false;
                    }
                });
            }
        }
        for (long user = 41; user <= 50; user++) {
            long u = user;
            mixed.add(() -> comments.act(u, 100, 1, "late comment", null));
        }
        mixed.addAll(readers(List.of(100L), List.of()));
        List<Object> results = concurrently(mixed);

        assertThat(results.subList(0, 40).stream().filter(Boolean.TRUE::equals).count()).isEqualTo(20);
        assertThat(rows("comment", "video_id = 100")).isEqualTo(30);
        assertThat(counts.videoCounts(List.of(100L)).get(0).commentCount()).isEqualTo(30);
        assertThat(videoEntry(100)).isEqualTo("=0,30");
        assertCountsMatchTruth(List.of(100L), List.of(), List.of());
    }

    /**
     * Tasks that keep reading (and so counting and storing) the given counters and the likes of users 1..6 while
     * writers run. None of them deletes entries: a write's tombstone removed (DEL, FLUSHDB) between a racing
     * reader's look and its store lets that reader store the count it read before the write.
     */
    private List<Callable<Object>> readers(List<Long> videoIds, List<Long> userIds) {
        List<Callable<Object>> readers = new ArrayList<>();
        for (int r = 0; r < 4; r++) {
            long viewer = 1 + r;
            readers.add(() -> {
                for (int i = 0; i < 25; i++) {
                    counts.videoCounts(videoIds);
                    counts.userStats(userIds);
                    counts.likedAmong(viewer, videoIds);
                }
                return null;
            });
        }
        return readers;
    }

    private void assertCountsMatchTruth(List<Long> videoIds, List<Long> likers, List<Long> authors) {
        for (long v : videoIds) {
            long likes = rows("favorite", "video_id = ?", v);
            long commentRows = rows("comment", "video_id = ?", v);
            String stored = videoEntry(v);
            if (stored != null && stored.startsWith("=")) {
                assertThat(stored).as("stored counts of video %d", v).isEqualTo("=" + likes + "," + commentRows);
            }
            var served = counts.videoCounts(List.of(v)).get(0);
            assertThat(served.favoriteCount()).as("favorite_count of video %d", v).isEqualTo(likes);
            assertThat(served.commentCount()).as("comment_count of video %d", v).isEqualTo(commentRows);
            assertThat(videoEntry(v)).isEqualTo("=" + likes + "," + commentRows);
            for (long u : likers) {
                boolean liked = rows("favorite", "user_id = ? AND video_id = ?", u, v) == 1;
                String flag = likeEntry(u, v);
                if (flag != null && flag.startsWith("=")) {
                    assertThat(flag).as("stored like of %d on %d", u, v).isEqualTo(liked ? "=1" : "=0");
                }
                assertThat(counts.likedAmong(u, List.of(v)).contains(v)).as("is_favorite of %d on %d", u, v)
                        .isEqualTo(liked);
            }
        }
        for (long u : likers) {
            long liked = rows("favorite", "user_id = ?", u);
            long received = rows("favorite", "author_id = ?", u);
            String stored = userEntry(u);
            if (stored != null && stored.startsWith("=")) {
                assertThat(stored).as("stored counts of user %d", u).isEqualTo("=" + liked + "," + received);
            }
            assertThat(counts.userStats(List.of(u)).get(0).favoriteCount()).isEqualTo(liked);
        }
        for (long a : authors) {
            long liked = rows("favorite", "user_id = ?", a);
            long received = rows("favorite", "author_id = ?", a);
            String stored = userEntry(a);
            if (stored != null && stored.startsWith("=")) {
                assertThat(stored).as("stored counts of author %d", a).isEqualTo("=" + liked + "," + received);
            }
            assertThat(counts.userStats(List.of(a)).get(0).totalFavorited()).isEqualTo(received);
        }
    }

    private static List<Long> range(long from, long to) {
        List<Long> ids = new ArrayList<>();
        for (long i = from; i <= to; i++) {
            ids.add(i);
        }
        return ids;
    }
}
