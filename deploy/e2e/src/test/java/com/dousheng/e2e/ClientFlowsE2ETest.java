package com.dousheng.e2e;

import static com.dousheng.e2e.Api.assertFullUser;
import static com.dousheng.e2e.Api.params;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.dousheng.common.testsupport.Tokens;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * The client's flows through the real gateway, covering all 16 endpoints: upload and feed, likes, comments,
 * follows and chat, refusals. Every JSON answer is recorded by {@link Client}; the last test judges them all
 * against {@code docs/api/openapi.yaml}.
 */
@ExtendWith(Suite.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClientFlowsE2ETest {
    private static final Api.Session ANONYMOUS = null;
    private static final ZoneId COMMENT_ZONE = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter MM_DD = DateTimeFormatter.ofPattern("MM-dd");
    private static final long UNKNOWN_ID = 987_654_321_987L;

    // ---------------------------------------------------------------- 1. videos

    @Test
    @Order(1)
    void uploadThenFeedPublishListAndMediaDownloads() throws IOException {
        System.out.println("[e2e] flow: upload a video, see it first in the feed and publish list, download its media");
        Api.Session author = Client.register("vauthor");
        Api.Session viewer = Client.register("vviewer");
        assertThat(user(viewer, author.userId()).get("work_count").asLong()).isZero();

        byte[] mp4 = Mp4s.h264(new Color(30, 90, 200));
        String title = "first clip of " + author.name();
        ok(Client.upload(author.token(), title, mp4), "upload");

        for (Api.Session who : Arrays.asList(ANONYMOUS, viewer, author)) {
            JsonNode first = feed(who, null).get("video_list").get(0);
            assertThat(first.get("title").asString()).as("first in the feed").isEqualTo(title);
            assertFullUser(first.get("author"), author);
            assertThat(first.get("author").get("work_count").asLong()).isEqualTo(1);
            assertThat(first.get("author").get("is_follow").asBoolean()).isFalse();
            assertThat(first.get("favorite_count").asLong()).isZero();
            assertThat(first.get("comment_count").asLong()).isZero();
            assertThat(first.get("is_favorite").asBoolean()).isFalse();
        }
        JsonNode listed = publishList(viewer, author.userId());
        assertThat(listed.size()).isEqualTo(1);
        JsonNode video = listed.get(0);
        assertThat(video.get("title").asString()).isEqualTo(title);
        assertFullUser(video.get("author"), author);
        assertThat(feed(ANONYMOUS, null).get("video_list").get(0).get("id").asLong())
                .isEqualTo(video.get("id").asLong());

        // the URLs are absolute, on the host the client used, and serve the uploaded bytes
        String playUrl = video.get("play_url").asString();
        String coverUrl = video.get("cover_url").asString();
        assertThat(playUrl).startsWith(Suite.GATEWAY + "/");
        assertThat(coverUrl).startsWith(Suite.GATEWAY + "/").isNotEqualTo(playUrl);
        HttpResponse<byte[]> play = Client.download(playUrl, null);
        assertThat(play.statusCode()).isEqualTo(200);
        assertThat(play.body()).as("play_url bytes").isEqualTo(mp4);
        assertThat(play.headers().firstValue("Content-Type").orElse("")).startsWith("video/mp4");
        HttpResponse<byte[]> range = Client.download(playUrl, "bytes=0-99");
        assertThat(range.statusCode()).as("Range request").isEqualTo(206);
        assertThat(range.body()).isEqualTo(Arrays.copyOf(mp4, 100));
        assertThat(range.headers().firstValue("Content-Range").orElse(""))
                .isEqualTo("bytes 0-99/" + mp4.length);
        HttpResponse<byte[]> cover = Client.download(coverUrl, null);
        assertThat(cover.statusCode()).isEqualTo(200);
        assertThat(cover.headers().firstValue("Content-Type").orElse("")).startsWith("image/jpeg");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(cover.body()));
        assertThat(image).as("cover_url decodes as an image").isNotNull();
        assertThat(image.getWidth()).isPositive();
        assertThat(cover.body()[0] & 0xff).as("JPEG magic").isEqualTo(0xff);
        assertThat(cover.body()[1] & 0xff).isEqualTo(0xd8);

        // a phone that reached us by another name gets URLs with that name, never 127.0.0.1
        JsonNode viaName = Client.getVia("http://localhost:8080", "/douyin/feed/", params());
        assertThat(viaName.get("video_list").get(0).get("play_url").asString()).startsWith("http://localhost:8080/");
        assertThat(viaName.get("video_list").get(0).get("cover_url").asString()).startsWith("http://localhost:8080/");

        // a second upload: newest first everywhere, work_count counts both
        String second = "second clip of " + author.name();
        ok(Client.upload(author.token(), second, Mp4s.h264(new Color(20, 160, 60))), "second upload");
        assertThat(titles(publishList(ANONYMOUS, author.userId()))).containsExactly(second, title);
        assertThat(feed(viewer, null).get("video_list").get(0).get("title").asString()).isEqualTo(second);
        assertThat(user(viewer, author.userId()).get("work_count").asLong()).isEqualTo(2);
        assertThat(user(author, author.userId()).get("work_count").asLong()).isEqualTo(2);

        // bytes that are not an MP4 are refused with the envelope, and nothing is added
        refused(Client.upload(author.token(), "not a video", "just some text, no MP4 here".getBytes(StandardCharsets.UTF_8)),
                "upload of non-MP4 bytes");
        refused(Client.upload(author.token(), "  ", mp4), "upload with a blank title");
        assertThat(publishList(author, author.userId()).size()).isEqualTo(2);
        assertThat(user(viewer, author.userId()).get("work_count").asLong()).isEqualTo(2);
        assertThat(feed(ANONYMOUS, null).get("video_list").get(0).get("title").asString()).isEqualTo(second);
    }

    @Test
    @Order(2)
    void feedPagesWithLatestTimeAndNextTime() {
        System.out.println("[e2e] flow: scroll the feed page by page with latest_time = next_time");
        Api.Session pager = Client.register("pager");
        byte[] mp4 = Mp4s.h264(new Color(120, 120, 20));
        int uploads = 31;
        for (int i = 0; i < uploads; i++) {
            ok(Client.upload(pager.token(), "page clip " + i, mp4), "upload " + i);
        }
        List<Long> mine = new ArrayList<>();
        publishList(pager, pager.userId()).forEach(v -> mine.add(v.get("id").asLong()));
        List<String> newestFirst = new ArrayList<>();
        for (int i = uploads - 1; i >= 0; i--) {
            newestFirst.add("page clip " + i);
        }
        assertThat(titles(publishList(pager, pager.userId()))).as("publish list newest first").isEqualTo(newestFirst);
        assertThat(mine).hasSize(uploads);

        long started = System.currentTimeMillis();
        List<Long> seen = new ArrayList<>();
        Long latest = null;
        long previousNext = Long.MAX_VALUE;
        int pages = 0;
        while (true) {
            JsonNode page = feed(pages % 2 == 0 ? ANONYMOUS : pager, latest);
            JsonNode videos = page.get("video_list");
            long next = page.get("next_time").asLong();
            if (videos.isEmpty()) {
                // the empty page sends the client back to the newest videos
                assertThat(next).as("next_time of the empty page is now").isGreaterThanOrEqualTo(started);
                JsonNode restart = feed(ANONYMOUS, next);
                assertThat(restart.get("video_list").get(0).get("id").asLong()).isEqualTo(mine.get(0));
                break;
            }
            assertThat(videos.size()).isLessThanOrEqualTo(30);
            if (pages == 0) {
                assertThat(videos.size()).as("a full first page (more than 30 videos exist)").isEqualTo(30);
            }
            assertThat(next).as("next_time moves back in time, in ms").isLessThan(previousNext)
                    .isGreaterThan(100_000_000_000L);
            videos.forEach(v -> seen.add(v.get("id").asLong()));
            previousNext = next;
            latest = next;
            pages++;
            assertThat(pages).as("pages before the end of the feed").isLessThan(10);
        }
        assertThat(pages).as("pages").isGreaterThanOrEqualTo(2);
        // a full page (about 18 KB) goes out whole, not chunked in 8 KB pieces the gateway relays one by one
        java.net.http.HttpResponse<String> whole = Api.exchange(java.net.http.HttpRequest.newBuilder(
                Api.uri("/douyin/feed/", Map.of())).GET().build());
        assertThat(whole.headers().firstValueAsLong("content-length"))
                .as("Content-Length of the first feed page").hasValue(
                        (long) whole.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
        assertThat(new HashSet<>(seen)).as("no video twice across pages").hasSameSizeAs(seen);
        assertThat(seen.stream().filter(mine::contains).toList()).as("every upload once, newest first")
                .isEqualTo(mine);

        // latest_time in seconds (older clients) is read as seconds: same first page as "now"
        long nowSeconds = System.currentTimeMillis() / 1000 + 2;
        assertThat(ids(feed(ANONYMOUS, nowSeconds).get("video_list")))
                .isEqualTo(ids(feed(ANONYMOUS, null).get("video_list")));
        assertThat(user(pager, pager.userId()).get("work_count").asLong()).isEqualTo(uploads);
    }

    // ---------------------------------------------------------------- 2. likes

    @Test
    @Order(3)
    void likeAndUnlike() {
        System.out.println("[e2e] flow: like and unlike");
        Api.Session author = Client.register("lauthor");
        Api.Session liker = Client.register("liker");
        Api.Session other = Client.register("lother");
        long videoId = uploadVideo(author, "likeable clip " + author.name());

        ok(favorite(liker, videoId, 1), "like");
        assertLikeState(videoId, author, liker, other, true);

        ok(favorite(liker, videoId, 1), "like again");
        assertLikeState(videoId, author, liker, other, true);

        ok(favorite(liker, videoId, 2), "unlike");
        assertLikeState(videoId, author, liker, other, false);
        ok(favorite(liker, videoId, 2), "unlike again (never an error)");
        assertLikeState(videoId, author, liker, other, false);
    }

    private void assertLikeState(long videoId, Api.Session author, Api.Session liker, Api.Session other,
                                 boolean liked) {
        int count = liked ? 1 : 0;
        JsonNode seenByLiker = videoInFeed(liker, videoId);
        assertThat(seenByLiker.get("is_favorite").asBoolean()).as("is_favorite in the liker's feed").isEqualTo(liked);
        assertThat(seenByLiker.get("favorite_count").asLong()).as("video favorite_count").isEqualTo(count);
        assertThat(seenByLiker.get("author").get("total_favorited").asLong()).isEqualTo(count);
        JsonNode seenByOther = videoInFeed(other, videoId);
        assertThat(seenByOther.get("is_favorite").asBoolean()).as("is_favorite in another viewer's feed").isFalse();
        assertThat(seenByOther.get("favorite_count").asLong()).isEqualTo(count);
        JsonNode seenAnonymously = videoInFeed(ANONYMOUS, videoId);
        assertThat(seenAnonymously.get("is_favorite").asBoolean()).as("is_favorite anonymous").isFalse();
        assertThat(seenAnonymously.get("favorite_count").asLong()).isEqualTo(count);
        assertThat(publishList(liker, author.userId()).get(0).get("is_favorite").asBoolean()).isEqualTo(liked);
        assertThat(publishList(author, author.userId()).get(0).get("is_favorite").asBoolean()).isFalse();

        assertThat(user(other, liker.userId()).get("favorite_count").asLong()).as("liker favorite_count")
                .isEqualTo(count);
        assertThat(user(liker, liker.userId()).get("favorite_count").asLong()).isEqualTo(count);
        assertThat(user(other, author.userId()).get("total_favorited").asLong()).as("author total_favorited")
                .isEqualTo(count);
        assertThat(user(other, author.userId()).get("favorite_count").asLong()).isZero();
        assertThat(user(other, liker.userId()).get("total_favorited").asLong()).isZero();

        for (Api.Session viewer : Arrays.asList(liker, other, ANONYMOUS)) {
            JsonNode favorites = favoriteList(viewer, liker.userId());
            assertThat(favorites.size()).as("favorite list of the liker").isEqualTo(count);
            if (liked) {
                JsonNode video = favorites.get(0);
                assertThat(video.get("id").asLong()).isEqualTo(videoId);
                assertFullUser(video.get("author"), author);
                assertThat(video.get("favorite_count").asLong()).isEqualTo(1);
                assertThat(video.get("is_favorite").asBoolean()).as("is_favorite of the viewer in the favorite list")
                        .isEqualTo(viewer == liker);
            }
        }
        assertThat(favoriteList(author, author.userId()).isEmpty()).isTrue();
    }

    // ---------------------------------------------------------------- 3. comments

    @Test
    @Order(4)
    void commentAndDeleteIt() {
        System.out.println("[e2e] flow: comment, list comments, delete the comment");
        Api.Session author = Client.register("cauthor");
        Api.Session commenter = Client.register("commenter");
        Api.Session other = Client.register("cother");
        long videoId = uploadVideo(author, "commentable clip " + author.name());
        assertThat(commentList(ANONYMOUS, videoId).isEmpty()).as("no comments yet: an empty array").isTrue();

        String before = LocalDate.now(COMMENT_ZONE).format(MM_DD);
        JsonNode posted = ok(comment(commenter, videoId, params("action_type", 1,
                "comment_text", "  what a nice clip  ")), "post a comment").get("comment");
        String after = LocalDate.now(COMMENT_ZONE).format(MM_DD);
        long commentId = posted.get("id").asLong();
        assertThat(commentId).as("the stored comment's real id").isPositive();
        assertThat(posted.get("content").asString()).isEqualTo("what a nice clip");
        assertThat(posted.get("create_date").asString()).as("create_date, MM-dd in Asia/Shanghai").isIn(before, after);
        assertFullUser(posted.get("user"), commenter);

        JsonNode list = commentList(ANONYMOUS, videoId);
        assertThat(list.size()).isEqualTo(1);
        assertThat(list.get(0).get("id").asLong()).isEqualTo(commentId);
        assertThat(list.get(0).get("content").asString()).isEqualTo("what a nice clip");
        assertThat(list.get(0).get("create_date").asString()).isEqualTo(posted.get("create_date").asString());
        assertFullUser(list.get(0).get("user"), commenter);
        assertThat(videoInFeed(ANONYMOUS, videoId).get("comment_count").asLong()).isEqualTo(1);

        long otherCommentId = ok(comment(other, videoId, params("action_type", 1, "comment_text", "second!")),
                "second comment").get("comment").get("id").asLong();
        assertThat(otherCommentId).isNotEqualTo(commentId);
        assertThat(ids(commentList(ANONYMOUS, videoId))).as("newest first").containsExactly(otherCommentId, commentId);
        assertThat(videoInFeed(other, videoId).get("comment_count").asLong()).isEqualTo(2);

        // the commenter as seen by someone who follows them, by themselves and anonymously
        ok(follow(other, commenter, 1), "follow the commenter");
        assertThat(commentOf(commentList(other, videoId), commentId).get("user").get("is_follow").asBoolean()).isTrue();
        assertThat(commentOf(commentList(commenter, videoId), commentId).get("user").get("is_follow").asBoolean())
                .isFalse();
        assertThat(commentOf(commentList(ANONYMOUS, videoId), commentId).get("user").get("follower_count").asLong())
                .isEqualTo(1);

        // someone else's comment cannot be deleted, and nothing changes
        refused(comment(other, videoId, params("action_type", 2, "comment_id", commentId)),
                "deleting someone else's comment");
        assertThat(ids(commentList(ANONYMOUS, videoId))).containsExactly(otherCommentId, commentId);
        assertThat(videoInFeed(ANONYMOUS, videoId).get("comment_count").asLong()).isEqualTo(2);

        JsonNode deleted = ok(comment(commenter, videoId, params("action_type", 2, "comment_id", commentId)),
                "delete own comment");
        assertThat(deleted.path("comment").path("id").asLong()).isEqualTo(commentId);
        assertThat(ids(commentList(commenter, videoId))).containsExactly(otherCommentId);
        assertThat(videoInFeed(ANONYMOUS, videoId).get("comment_count").asLong()).isEqualTo(1);
        assertThat(publishList(ANONYMOUS, author.userId()).get(0).get("comment_count").asLong()).isEqualTo(1);
        refused(comment(commenter, videoId, params("action_type", 2, "comment_id", commentId)),
                "deleting a deleted comment");
        assertThat(videoInFeed(ANONYMOUS, videoId).get("comment_count").asLong()).isEqualTo(1);
    }

    // ---------------------------------------------------------------- 4. follows and chat

    @Test
    @Order(5)
    void followFollowBackChatAndUnfollow() {
        System.out.println("[e2e] flow: follow, follow back, friends with latest message, unfollow");
        Api.Session a = Client.register("fa");
        Api.Session b = Client.register("fb");
        Api.Session c = Client.register("fc");
        // the client logs in again and keeps the new token
        JsonNode login = ok(Client.post("/douyin/user/login/", params("username", a.name(), "password", "secret123")),
                "login");
        a = new Api.Session(a.userId(), login.get("token").asString(), a.name());
        long videoOfB = uploadVideo(b, "clip of " + b.name());

        ok(follow(a, b, 1), "A follows B");
        // the feed and B's videos show B as followed to A only
        assertThat(videoInFeed(a, videoOfB).get("author").get("is_follow").asBoolean()).isTrue();
        assertThat(videoInFeed(c, videoOfB).get("author").get("is_follow").asBoolean()).isFalse();
        assertThat(videoInFeed(ANONYMOUS, videoOfB).get("author").get("follower_count").asLong()).isEqualTo(1);
        assertThat(publishList(a, b.userId()).get(0).get("author").get("is_follow").asBoolean()).isTrue();
        assertThat(publishList(b, b.userId()).get(0).get("author").get("is_follow").asBoolean()).isFalse();
        assertThat(user(c, b.userId()).get("follower_count").asLong()).isEqualTo(1);
        assertThat(user(c, b.userId()).get("follow_count").asLong()).isZero();
        assertThat(user(c, b.userId()).get("is_follow").asBoolean()).as("C does not follow B").isFalse();
        assertThat(user(a, b.userId()).get("is_follow").asBoolean()).as("A sees that A follows B").isTrue();
        assertThat(user(b, a.userId()).get("follow_count").asLong()).isEqualTo(1);
        assertThat(user(b, a.userId()).get("follower_count").asLong()).isZero();
        assertThat(user(b, a.userId()).get("is_follow").asBoolean()).as("B does not follow A yet").isFalse();

        JsonNode followersSeenByC = followerList(c, b.userId());
        assertThat(ids(followersSeenByC)).containsExactly(a.userId());
        assertFullUser(followersSeenByC.get(0), a);
        assertThat(followersSeenByC.get(0).get("is_follow").asBoolean()).as("C does not follow A").isFalse();
        assertThat(followerList(a, b.userId()).get(0).get("is_follow").asBoolean()).as("A itself").isFalse();
        assertThat(ids(followList(ANONYMOUS, a.userId()))).containsExactly(b.userId());
        assertThat(followList(a, a.userId()).get(0).get("is_follow").asBoolean()).as("A follows B").isTrue();
        assertThat(followList(c, a.userId()).get(0).get("is_follow").asBoolean()).as("C does not follow B").isFalse();
        assertThat(followList(c, a.userId()).get(0).get("follower_count").asLong()).isEqualTo(1);

        ok(follow(c, a, 1), "C follows A");
        assertThat(followerList(c, b.userId()).get(0).get("is_follow").asBoolean()).as("now C follows A").isTrue();
        assertThat(user(c, a.userId()).get("is_follow").asBoolean()).isTrue();
        assertThat(user(c, a.userId()).get("follower_count").asLong()).isEqualTo(1);

        ok(follow(a, b, 1), "A follows B again");
        assertThat(user(c, b.userId()).get("follower_count").asLong()).as("following twice counts once").isEqualTo(1);
        assertThat(friendList(a, a.userId()).isEmpty()).as("no friend before the follow back").isTrue();

        ok(follow(b, a, 1), "B follows A back");
        JsonNode friendsOfA = friendList(a, a.userId());
        assertThat(ids(friendsOfA)).as("C follows A but A does not follow C").containsExactly(b.userId());
        assertFullUser(friendsOfA.get(0), b);
        assertThat(friendsOfA.get(0).has("user")).as("FriendUser is flat").isFalse();
        assertThat(friendsOfA.get(0).get("is_follow").asBoolean()).isTrue();
        assertThat(friendsOfA.get(0).get("message").asString()).as("no message yet").isEmpty();
        assertThat(ids(friendList(b, b.userId()))).containsExactly(a.userId());
        assertThat(user(c, a.userId()).get("follower_count").asLong()).isEqualTo(2);

        ok(message(a, b, "hello B"), "A writes to B");
        ok(message(b, a, "hi A, nice to meet you"), "B answers");
        JsonNode seenByA = friendList(a, a.userId()).get(0);
        assertThat(seenByA.get("message").asString()).isEqualTo("hi A, nice to meet you");
        assertThat(seenByA.get("msgType").asLong()).as("A received it").isZero();
        JsonNode seenByB = friendList(b, b.userId()).get(0);
        assertThat(seenByB.get("message").asString()).isEqualTo("hi A, nice to meet you");
        assertThat(seenByB.get("msgType").asLong()).as("B sent it").isEqualTo(1);
        ok(message(a, b, "see you"), "A writes again");
        assertThat(friendList(a, a.userId()).get(0).get("msgType").asLong()).isEqualTo(1);
        assertThat(friendList(b, b.userId()).get(0).get("message").asString()).isEqualTo("see you");
        assertThat(friendList(b, b.userId()).get(0).get("msgType").asLong()).isZero();
        JsonNode history = chat(b, a, null);
        assertThat(contents(history)).containsExactly("hello B", "hi A, nice to meet you", "see you");
        assertThat(history.get(0).get("from_user_id").asLong()).isEqualTo(a.userId());
        assertThat(history.get(0).get("to_user_id").asLong()).isEqualTo(b.userId());

        ok(follow(a, b, 2), "A unfollows B");
        assertThat(user(c, b.userId()).get("follower_count").asLong()).isZero();
        assertThat(user(c, a.userId()).get("follow_count").asLong()).isZero();
        assertThat(user(a, b.userId()).get("is_follow").asBoolean()).isFalse();
        assertThat(videoInFeed(a, videoOfB).get("author").get("is_follow").asBoolean()).isFalse();
        assertThat(followerList(c, b.userId()).isEmpty()).isTrue();
        assertThat(followList(a, a.userId()).isEmpty()).isTrue();
        assertThat(friendList(a, a.userId()).isEmpty()).isTrue();
        assertThat(friendList(b, b.userId()).isEmpty()).isTrue();
        assertThat(user(c, a.userId()).get("follower_count").asLong()).as("B and C still follow A").isEqualTo(2);
        ok(follow(a, b, 2), "unfollow again (never an error)");
        assertThat(user(c, b.userId()).get("follower_count").asLong()).isZero();
    }

    @Test
    @Order(6)
    void chatByPollingGetsEveryMessageOnceInOrder() throws Exception {
        System.out.println("[e2e] flow: chat by polling with pre_msg_time while both sides write");
        Api.Session a = Client.register("ca");
        Api.Session b = Client.register("cb");
        int perSide = 12;
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Poller pollA = new Poller(a, b);
            Poller pollB = new Poller(b, a);
            Future<Integer> pollingA = pool.submit(pollA::run);
            Future<Integer> pollingB = pool.submit(pollB::run);
            Future<?> sendA = pool.submit(() -> send(a, b, "a", perSide));
            Future<?> sendB = pool.submit(() -> send(b, a, "b", perSide));
            sendA.get(60, TimeUnit.SECONDS);
            sendB.get(60, TimeUnit.SECONDS);
            long deadline = System.currentTimeMillis() + 20_000;
            while ((pollA.received.size() < 2 * perSide || pollB.received.size() < 2 * perSide)
                    && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            pollA.stop = true;
            pollB.stop = true;
            int pollsA = pollingA.get(30, TimeUnit.SECONDS);
            int pollsB = pollingB.get(30, TimeUnit.SECONDS);
            System.out.printf("[e2e] chat: %d messages; A polled %d times (%d brought messages), B %d times (%d)%n",
                    2 * perSide, pollsA, pollA.fruitfulPolls, pollsB, pollB.fruitfulPolls);

            List<Long> history = ids(chat(a, b, null));
            assertThat(history).hasSize(2 * perSide);
            for (Poller poller : List.of(pollA, pollB)) {
                List<JsonNode> got = poller.received;
                List<Long> ids = got.stream().map(m -> m.get("id").asLong()).toList();
                assertThat(ids).as("%s's screen: every message exactly once, in order", poller.me.name())
                        .isEqualTo(history);
                List<String> texts = got.stream().map(m -> m.get("content").asString()).toList();
                assertThat(texts.stream().filter(t -> t.startsWith("a ")).toList()).isEqualTo(expected("a", perSide));
                assertThat(texts.stream().filter(t -> t.startsWith("b ")).toList()).isEqualTo(expected("b", perSide));
                for (int i = 0; i < got.size(); i++) {
                    JsonNode m = got.get(i);
                    boolean fromA = m.get("content").asString().startsWith("a ");
                    assertThat(m.get("from_user_id").asLong()).isEqualTo(fromA ? a.userId() : b.userId());
                    assertThat(m.get("to_user_id").asLong()).isEqualTo(fromA ? b.userId() : a.userId());
                    if (i > 0) {
                        assertThat(m.get("create_time").asLong()).as("create_time strictly increasing")
                                .isGreaterThan(got.get(i - 1).get("create_time").asLong());
                    }
                }
            }
            long last = pollA.received.get(pollA.received.size() - 1).get("create_time").asLong();
            assertThat(chat(a, b, last).isEmpty()).as("nothing after the newest message").isTrue();
            assertThat(chat(b, a, last - 1).size()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    /** A chat screen: polls with pre_msg_time = create_time of the last message shown and appends the answer. */
    private static final class Poller {
        final Api.Session me;
        final Api.Session peer;
        final List<JsonNode> received = new CopyOnWriteArrayList<>();
        volatile boolean stop;
        volatile int fruitfulPolls;

        Poller(Api.Session me, Api.Session peer) {
            this.me = me;
            this.peer = peer;
        }

        int run() throws InterruptedException {
            long preMsgTime = 0;
            int polls = 0;
            while (true) {
                boolean lastRound = stop;
                JsonNode messages = chat(me, peer, preMsgTime);
                polls++;
                if (!messages.isEmpty()) {
                    fruitfulPolls++;
                }
                for (JsonNode m : messages) {
                    received.add(m);
                    preMsgTime = m.get("create_time").asLong();
                }
                if (lastRound) {
                    return polls;
                }
                Thread.sleep(40);
            }
        }
    }

    private static void send(Api.Session from, Api.Session to, String side, int count) {
        for (String text : expected(side, count)) {
            ok(message(from, to, text), "send " + text);
            try {
                Thread.sleep(15);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static List<String> expected(String side, int count) {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            texts.add(side + " message " + i);
        }
        return texts;
    }

    // ---------------------------------------------------------------- 5. refusals

    @Test
    @Order(7)
    void refusalsAnswerTheEnvelopeAndChangeNothing() {
        System.out.println("[e2e] flow: refusals through the gateway (envelope, HTTP 200, nothing changed)");
        Api.Session a = Client.register("ra");
        Api.Session b = Client.register("rb");
        long videoId = uploadVideo(b, "refusal clip " + b.name());
        Api.Session badToken = new Api.Session(a.userId(), "not-a-token", a.name());
        Api.Session tampered = new Api.Session(a.userId(), Tokens.tampered(a.token()), a.name());

        // relation
        refused(follow(a, a, 1), "self-follow");
        refused(Client.post("/douyin/relation/action/", params("token", a.token(), "to_user_id", UNKNOWN_ID,
                "action_type", 1)), "following an unknown user");
        refused(follow(a, b, 3), "relation action_type 3");
        refused(follow(badToken, b, 1), "follow with a bad token");
        refused(follow(tampered, b, 1), "follow with a tampered token");
        refused(Client.post("/douyin/relation/action/", params("to_user_id", b.userId(), "action_type", 1)),
                "follow without a token");
        refused(Client.post("/douyin/relation/action/", params("token", a.token(), "to_user_id", "abc",
                "action_type", 1)), "follow with a non-numeric to_user_id");
        assertThat(user(a, a.userId()).get("follow_count").asLong()).isZero();
        assertThat(user(a, b.userId()).get("follower_count").asLong()).isZero();
        assertThat(user(a, b.userId()).get("is_follow").asBoolean()).isFalse();
        refused(Client.get("/douyin/relation/friend/list/", params("token", "not-a-token", "user_id", a.userId())),
                "friend list with a bad token");

        // messages
        refused(message(a, b, "   "), "empty message");
        refused(message(a, b, "x".repeat(1001)), "over-long message");
        refused(message(a, a, "note to self"), "message to yourself");
        refused(Client.post("/douyin/message/action/", params("token", a.token(), "to_user_id", UNKNOWN_ID,
                "action_type", 1, "content", "hello?")), "message to an unknown user");
        refused(Client.post("/douyin/message/action/", params("token", a.token(), "to_user_id", b.userId(),
                "action_type", 2, "content", "hello")), "message action_type 2");
        refused(message(badToken, b, "hello"), "message with a bad token");
        refused(Client.get("/douyin/message/chat/", params("token", "not-a-token", "to_user_id", b.userId())),
                "chat with a bad token");
        assertThat(chat(a, b, null).isEmpty()).isTrue();
        assertThat(chat(b, a, 0L).isEmpty()).isTrue();

        // likes
        refused(favorite(a, videoId, 3), "favorite action_type 3");
        refused(favorite(a, UNKNOWN_ID, 1), "liking an unknown video");
        refused(favorite(badToken, videoId, 1), "like with a bad token");
        refused(Client.post("/douyin/favorite/action/", params("token", a.token(), "video_id", "abc",
                "action_type", 1)), "like with a non-numeric video_id");
        assertThat(videoInFeed(a, videoId).get("favorite_count").asLong()).isZero();
        assertThat(videoInFeed(a, videoId).get("is_favorite").asBoolean()).isFalse();
        assertThat(user(a, a.userId()).get("favorite_count").asLong()).isZero();
        assertThat(user(a, b.userId()).get("total_favorited").asLong()).isZero();
        assertThat(favoriteList(a, a.userId()).isEmpty()).isTrue();

        // comments
        refused(comment(a, videoId, params("action_type", 1, "comment_text", "   ")), "empty comment");
        refused(comment(a, videoId, params("action_type", 1, "comment_text", "y".repeat(501))), "over-long comment");
        refused(comment(a, videoId, params("action_type", 3, "comment_text", "hello")), "comment action_type 3");
        refused(comment(a, UNKNOWN_ID, params("action_type", 1, "comment_text", "hello")),
                "comment on an unknown video");
        refused(comment(a, videoId, params("action_type", 2, "comment_id", UNKNOWN_ID)), "deleting an unknown comment");
        refused(comment(badToken, videoId, params("action_type", 1, "comment_text", "hello")),
                "comment with a bad token");
        assertThat(commentList(ANONYMOUS, videoId).isEmpty()).isTrue();
        assertThat(videoInFeed(ANONYMOUS, videoId).get("comment_count").asLong()).isZero();

        // upload and profile
        refused(Client.upload("not-a-token", "bad token clip", Mp4s.h264(Color.ORANGE)), "upload with a bad token");
        refused(Client.get("/douyin/user/", params("token", "not-a-token", "user_id", a.userId())),
                "profile with a bad token");
        refused(Client.get("/douyin/user/", params("token", a.token(), "user_id", UNKNOWN_ID)), "unknown profile");
        refused(Client.post("/douyin/user/login/", params("username", a.name(), "password", "wrong-password")),
                "login with a wrong password");
        refused(Client.post("/douyin/user/register/", params("username", a.name(), "password", "secret123")),
                "register a taken name");
        assertThat(user(a, a.userId()).get("work_count").asLong()).isZero();
        assertThat(publishList(ANONYMOUS, b.userId()).size()).isEqualTo(1);
    }

    // ---------------------------------------------------------------- 6. the contract

    @Test
    @Order(100)
    void everyResponseOfTheFlowsMatchesTheOpenApiContract() {
        System.out.println("[e2e] flow: every answer of the flows checked against docs/api/openapi.yaml");
        OpenApiContract contract = OpenApiContract.load();
        Map<String, String> operations = contract.jsonOperations();
        assertThat(operations).as("the camp endpoints in the contract").hasSize(16);
        List<String> mismatches = new ArrayList<>();
        Map<String, Integer> checked = new LinkedHashMap<>();
        List<Client.Exchange> exchanges;
        synchronized (Client.EXCHANGES) {
            exchanges = new ArrayList<>(Client.EXCHANGES);
        }
        for (Client.Exchange exchange : exchanges) {
            String route = exchange.method() + " " + exchange.path();
            String operationId = operations.get(route);
            if (operationId == null) {
                mismatches.add(route + ": no such operation in the contract");
                continue;
            }
            boolean success = exchange.body().path("status_code").isIntegralNumber()
                    && exchange.body().get("status_code").asInt() == 0;
            // a refusal is the envelope; register and login keep user_id and token even then (API.md 3.2)
            boolean fullSchema = success || operationId.equals("register") || operationId.equals("login");
            Object schema = fullSchema ? contract.responseSchema(operationId) : OpenApiContract.ref("BaseResponse");
            for (String error : contract.check(schema, exchange.body(), success, exchange.viewerId())) {
                mismatches.add(operationId + " (" + exchange.request() + ") " + error);
            }
            checked.merge(operationId, 1, Integer::sum);
        }
        List<String> staticTypes = contract.staticContentTypes();
        for (Client.Download download : Client.DOWNLOADS) {
            if (staticTypes.stream().noneMatch(download.contentType()::startsWith)) {
                mismatches.add("staticFile " + download.url() + ": Content-Type '" + download.contentType()
                        + "' is none of " + staticTypes);
            }
        }
        System.out.printf("[e2e] contract: %d answers of %d operations checked, %d media downloads, %d mismatches%n",
                exchanges.size(), checked.size(), Client.DOWNLOADS.size(), mismatches.size());
        System.out.println("[e2e] contract: answers per operation " + checked);
        assertThat(new TreeSet<>(checked.keySet())).as("every endpoint was driven by the flows")
                .isEqualTo(new TreeSet<>(operations.values()));
        if (!mismatches.isEmpty()) {
            fail(mismatches.size() + " mismatches with openapi.yaml:\n  " + String.join("\n  ", mismatches));
        }
    }

    // ---------------------------------------------------------------- the client's calls

    private static JsonNode ok(JsonNode answer, String what) {
        assertThat(answer.path("status_code").asInt(-1)).as("%s: %s", what, answer).isZero();
        return answer;
    }

    private static JsonNode refused(JsonNode answer, String what) {
        assertThat(answer.path("status_code").isIntegralNumber()).as("%s: status_code is a number: %s", what, answer)
                .isTrue();
        assertThat(answer.get("status_code").asInt()).as("%s is refused: %s", what, answer).isNotZero();
        assertThat(answer.path("status_msg").asString("")).as("%s says why: %s", what, answer).isNotBlank();
        return answer;
    }

    private static Map<String, Object> as(Api.Session viewer, Object... keysAndValues) {
        Map<String, Object> params = params(keysAndValues);
        if (viewer != null) {
            params.put("token", viewer.token());
        }
        return params;
    }

    private static JsonNode user(Api.Session viewer, long userId) {
        JsonNode user = ok(Client.get("/douyin/user/", as(viewer, "user_id", userId)), "user info").get("user");
        assertThat(user.get("id").asLong()).isEqualTo(userId);
        return user;
    }

    private static JsonNode feed(Api.Session viewer, Long latestTime) {
        Map<String, Object> query = latestTime == null ? as(viewer) : as(viewer, "latest_time", latestTime);
        return ok(Client.get("/douyin/feed/", query), "feed");
    }

    private static JsonNode videoInFeed(Api.Session viewer, long videoId) {
        for (JsonNode video : feed(viewer, null).get("video_list")) {
            if (video.get("id").asLong() == videoId) {
                return video;
            }
        }
        throw new AssertionError("video " + videoId + " is not on the first feed page");
    }

    private static JsonNode publishList(Api.Session viewer, long userId) {
        return list(Client.get("/douyin/publish/list/", as(viewer, "user_id", userId)), "video_list");
    }

    private static JsonNode favoriteList(Api.Session viewer, long userId) {
        return list(Client.get("/douyin/favorite/list/", as(viewer, "user_id", userId)), "video_list");
    }

    private static JsonNode commentList(Api.Session viewer, long videoId) {
        return list(Client.get("/douyin/comment/list/", as(viewer, "video_id", videoId)), "comment_list");
    }

    private static JsonNode followList(Api.Session viewer, long userId) {
        return list(Client.get("/douyin/relation/follow/list/", as(viewer, "user_id", userId)), "user_list");
    }

    private static JsonNode followerList(Api.Session viewer, long userId) {
        return list(Client.get("/douyin/relation/follower/list/", as(viewer, "user_id", userId)), "user_list");
    }

    private static JsonNode friendList(Api.Session viewer, long userId) {
        return list(Client.get("/douyin/relation/friend/list/", as(viewer, "user_id", userId)), "user_list");
    }

    private static JsonNode chat(Api.Session viewer, Api.Session peer, Long preMsgTime) {
        Map<String, Object> query = preMsgTime == null ? as(viewer, "to_user_id", peer.userId())
                : as(viewer, "to_user_id", peer.userId(), "pre_msg_time", preMsgTime);
        return list(Client.get("/douyin/message/chat/", query), "message_list");
    }

    private static JsonNode favorite(Api.Session viewer, long videoId, int actionType) {
        return Client.post("/douyin/favorite/action/", as(viewer, "video_id", videoId, "action_type", actionType));
    }

    private static JsonNode comment(Api.Session viewer, long videoId, Map<String, Object> more) {
        Map<String, Object> query = as(viewer, "video_id", videoId);
        query.putAll(more);
        return Client.post("/douyin/comment/action/", query);
    }

    private static JsonNode follow(Api.Session viewer, Api.Session target, int actionType) {
        return Client.post("/douyin/relation/action/", as(viewer, "to_user_id", target.userId(),
                "action_type", actionType));
    }

    private static JsonNode message(Api.Session from, Api.Session to, String content) {
        return Client.post("/douyin/message/action/", as(from, "to_user_id", to.userId(), "action_type", 1,
                "content", content));
    }

    /** Uploads a real MP4 and returns the new video's id (the newest of the author's list). */
    private static long uploadVideo(Api.Session author, String title) {
        ok(Client.upload(author.token(), title, Mp4s.h264(Color.MAGENTA)), "upload");
        JsonNode newest = publishList(author, author.userId()).get(0);
        assertThat(newest.get("title").asString()).isEqualTo(title);
        return newest.get("id").asLong();
    }

    private static JsonNode list(JsonNode answer, String field) {
        ok(answer, field);
        assertThat(answer.path(field).isArray()).as("%s is an array: %s", field, answer).isTrue();
        return answer.get(field);
    }

    private static JsonNode commentOf(JsonNode comments, long commentId) {
        for (JsonNode comment : comments) {
            if (comment.get("id").asLong() == commentId) {
                return comment;
            }
        }
        throw new AssertionError("comment " + commentId + " is not listed: " + comments);
    }

    private static List<Long> ids(JsonNode list) {
        List<Long> ids = new ArrayList<>();
        list.forEach(item -> ids.add(item.get("id").asLong()));
        return ids;
    }

    private static List<String> titles(JsonNode videos) {
        List<String> titles = new ArrayList<>();
        videos.forEach(v -> titles.add(v.get("title").asString()));
        return titles;
    }

    private static List<String> contents(JsonNode messages) {
        List<String> contents = new ArrayList<>();
        messages.forEach(m -> contents.add(m.get("content").asString()));
        return contents;
    }
}
