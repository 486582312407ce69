package com.dousheng.e2e;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;

/**
 * The public views (API.md section 3) of a {@link Ledger}'s users and videos, each as one read with the check of
 * its answer against the ledger: every User object met anywhere (feed authors, commenters, list entries, user
 * info) must carry the ledger's five counts and the viewer's {@code is_follow}, every Video its two counts and
 * the viewer's {@code is_favorite}, every list exactly the ledger's members. Only the contract is read, so the
 * checks hold whatever the services do inside.
 */
final class Views {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Checks an answer that came with status_code 0, adding one line per difference. */
    @FunctionalInterface
    interface Check {
        void verify(JsonNode answer, List<String> mismatches);
    }

    /** A public GET: {@code service} answers it behind the gateway (so its instances can be read directly). */
    record Read(String label, String service, String path, Map<String, Object> query, Check check) {
    }

    /** What came back: the JSON body, or why there is none; and how long it took. */
    record Answer(JsonNode body, String failure, long millis) {
        int statusCode() {
            return body == null ? -1 : body.path("status_code").asInt(-1);
        }

        String statusMsg() {
            return body == null ? "" : body.path("status_msg").asString("");
        }
    }

    private final Ledger ledger;

    Views(Ledger ledger) {
        this.ledger = ledger;
    }

    // ------------------------------------------------------------------------------------------ the reads

    /**
     * Every view of the ledger: the feed as {@code viewer} and anonymously, each user's info, publish, favorite,
     * follow and follower lists as {@code viewer}, each video's comment list as {@code viewer}; each user's friend
     * list and chats as that user (they are the viewer's own).
     */
    List<Read> all(Api.Session viewer) {
        List<Read> reads = new ArrayList<>(asViewer(viewer));
        reads.addAll(ownViews());
        return reads;
    }

    /** The views of {@link #all} that depend on who reads them. */
    List<Read> asViewer(Api.Session viewer) {
        List<Read> reads = new ArrayList<>(feedAndProfiles(viewer));
        for (Ledger.Video video : ledger.videos()) {
            reads.add(commentList(viewer, video.id()));
        }
        for (Api.Session user : ledger.users()) {
            reads.add(favoriteList(viewer, user.userId()));
            reads.add(userList("follow list", "/douyin/relation/follow/list/", viewer, user.userId(),
                    ledger.followees(user.userId())));
            reads.add(userList("follower list", "/douyin/relation/follower/list/", viewer, user.userId(),
                    ledger.followers(user.userId())));
        }
        return reads;
    }

    /** Each user's friend list and chats, read by that user. */
    List<Read> ownViews() {
        List<Read> reads = new ArrayList<>();
        for (Api.Session user : ledger.users()) {
            reads.add(friendList(user));
            for (Api.Session peer : ledger.users()) {
                if (peer.userId() != user.userId()) {
                    reads.add(chat(user, peer));
                }
            }
        }
        return reads;
    }

    /** The feed (as {@code viewer} and anonymously), each user's publish list and each user's info. */
    List<Read> feedAndProfiles(Api.Session viewer) {
        List<Read> reads = new ArrayList<>();
        reads.add(feed(viewer));
        reads.add(feed(null));
        for (Api.Session user : ledger.users()) {
            reads.add(publishList(viewer, user.userId()));
        }
        reads.addAll(profiles(viewer));
        return reads;
    }

    List<Read> profiles(Api.Session viewer) {
        List<Read> reads = new ArrayList<>();
        for (Api.Session user : ledger.users()) {
            reads.add(userInfo(viewer, user.userId()));
        }
        return reads;
    }

    Read feed(Api.Session viewer) {
        Long viewerId = idOf(viewer);
        return new Read("feed as " + who(viewer), "video-service", "/douyin/feed/", withToken(viewer),
                (answer, out) -> {
                    Set<Long> seen = new LinkedHashSet<>();
                    for (JsonNode video : answer.path("video_list")) {
                        seen.add(video.path("id").asLong());
                        checkVideo(video, viewerId, "feed", out);
                    }
                    for (Ledger.Video video : ledger.videos()) {
                        if (!seen.contains(video.id())) {
                            out.add("feed: video " + video.id() + " (\"" + video.title() + "\") missing");
                        }
                    }
                });
    }

    Read userInfo(Api.Session viewer, long userId) {
        return new Read("user info of " + userId + " as " + who(viewer), "user-service", "/douyin/user/",
                withToken(viewer, "user_id", userId), (answer, out) -> {
                    JsonNode user = answer.path("user");
                    if (user.path("id").asLong() != userId) {
                        out.add("user info: asked for " + userId + ", got " + user);
                    } else {
                        checkUser(user, idOf(viewer), "user info", out);
                    }
                });
    }

    Read publishList(Api.Session viewer, long userId) {
        return videoList("publish list", "/douyin/publish/list/", "video-service", viewer, userId,
                ledger.videosBy(userId));
    }

    Read favoriteList(Api.Session viewer, long userId) {
        return videoList("favorite list", "/douyin/favorite/list/", "interaction-service", viewer, userId,
                ledger.likedBy(userId));
    }

    private Read videoList(String what, String path, String service, Api.Session viewer, long userId,
                           Set<Long> expected) {
        String where = what + " of " + userId;
        return new Read(where + " as " + who(viewer), service, path, withToken(viewer, "user_id", userId),
                (answer, out) -> {
                    Set<Long> ids = new LinkedHashSet<>();
                    for (JsonNode video : answer.path("video_list")) {
                        ids.add(video.path("id").asLong());
                        checkVideo(video, idOf(viewer), where, out);
                    }
                    sameIds(where, ids, expected, out);
                });
    }

    Read commentList(Api.Session viewer, long videoId) {
        String where = "comment list of video " + videoId;
        return new Read(where + " as " + who(viewer), "interaction-service", "/douyin/comment/list/",
                withToken(viewer, "video_id", videoId), (answer, out) -> {
                    List<Long> ids = new ArrayList<>();
                    for (JsonNode comment : answer.path("comment_list")) {
                        long id = comment.path("id").asLong();
                        ids.add(id);
                        Ledger.Comment expected = ledger.commentsOn(videoId).stream().filter(c -> c.id() == id)
                                .findFirst().orElse(null);
                        if (expected != null && !expected.content().equals(comment.path("content").asString(""))) {
                            out.add(where + ": comment " + id + " content " + comment.path("content"));
                        }
                        if (expected != null && expected.userId() != comment.path("user").path("id").asLong()) {
                            out.add(where + ": comment " + id + " by " + comment.path("user").path("id")
                                    + ", expected " + expected.userId());
                        }
                        checkUser(comment.path("user"), idOf(viewer), where + " commenter", out);
                    }
                    List<Long> expectedIds = ledger.commentsOn(videoId).stream().map(Ledger.Comment::id).toList();
                    if (!ids.equals(expectedIds)) {
                        out.add(where + ": ids " + ids + ", expected newest first " + expectedIds);
                    }
                });
    }

    private Read userList(String what, String path, Api.Session viewer, long userId, Set<Long> expected) {
        String where = what + " of " + userId;
        return new Read(where + " as " + who(viewer), "relation-service", path, withToken(viewer, "user_id", userId),
                (answer, out) -> {
                    Set<Long> ids = new LinkedHashSet<>();
                    for (JsonNode user : answer.path("user_list")) {
                        ids.add(user.path("id").asLong());
                        checkUser(user, idOf(viewer), where, out);
                    }
                    sameIds(where, ids, expected, out);
                });
    }

    /** The user's own friend list: mutual follows, each with the latest message between the two. */
    Read friendList(Api.Session user) {
        String where = "friend list of " + user.userId();
        return new Read(where, "relation-service", "/douyin/relation/friend/list/",
                withToken(user, "user_id", user.userId()), (answer, out) -> {
                    Set<Long> ids = new LinkedHashSet<>();
                    for (JsonNode friend : answer.path("user_list")) {
                        long id = friend.path("id").asLong();
                        ids.add(id);
                        checkUser(friend, user.userId(), where, out);
                        List<Ledger.Message> talk = ledger.conversation(user.userId(), id);
                        Ledger.Message last = talk.isEmpty() ? null : talk.get(talk.size() - 1);
                        String message = last == null ? "" : last.content();
                        int type = last != null && last.fromId() == user.userId() ? 1 : 0;
                        if (!message.equals(friend.path("message").asString(null))
                                || friend.path("msgType").asInt(-1) != type) {
                            out.add(where + ": friend " + id + " message " + friend.path("message") + " msgType "
                                    + friend.path("msgType") + ", expected \"" + message + "\" msgType " + type);
                        }
                    }
                    sameIds(where, ids, ledger.friends(user.userId()), out);
                });
    }

    /** The whole conversation as {@code user} sees it: both directions, oldest first. */
    Read chat(Api.Session user, Api.Session peer) {
        String where = "chat of " + user.userId() + " with " + peer.userId();
        return new Read(where, "message-service", "/douyin/message/chat/",
                withToken(user, "to_user_id", peer.userId()), (answer, out) -> {
                    List<String> actual = new ArrayList<>();
                    for (JsonNode m : answer.path("message_list")) {
                        actual.add(m.path("from_user_id").asLong() + ">" + m.path("to_user_id").asLong() + ": "
                                + m.path("content").asString(""));
                    }
                    List<String> expected = ledger.conversation(user.userId(), peer.userId()).stream()
                            .map(m -> m.fromId() + ">" + m.toId() + ": " + m.content()).toList();
                    if (!actual.equals(expected)) {
                        out.add(where + ": " + actual + ", expected " + expected);
                    }
                });
    }

    // ------------------------------------------------------------------------------------------ the checks

    /** A User object of a ledger user: its counts and {@code is_follow} relative to the viewer. */
    void checkUser(JsonNode user, Long viewerId, String where, List<String> out) {
        long id = user.path("id").asLong();
        if (!ledger.knows(id)) {
            return;
        }
        String name = ledger.user(id).name();
        if (!name.equals(user.path("name").asString(null))) {
            out.add(where + ": user " + id + " name " + user.path("name") + ", expected " + name);
        }
        field(out, where, "user " + id, "follow_count", user, ledger.followCount(id));
        field(out, where, "user " + id, "follower_count", user, ledger.followerCount(id));
        field(out, where, "user " + id, "total_favorited", user, ledger.totalFavorited(id));
        field(out, where, "user " + id, "work_count", user, ledger.workCount(id));
        field(out, where, "user " + id, "favorite_count", user, ledger.favoriteCount(id));
        flag(out, where, "user " + id, "is_follow", user, ledger.isFollow(viewerId, id));
    }

    /** A Video object: a ledger video with its counts, {@code is_favorite} and author; or none by a ledger user. */
    void checkVideo(JsonNode video, Long viewerId, String where, List<String> out) {
        long id = video.path("id").asLong();
        long authorId = video.path("author").path("id").asLong();
        Ledger.Video expected = ledger.video(id);
        if (expected == null) {
            if (ledger.knows(authorId)) {
                out.add(where + ": video " + id + " by " + authorId + " was never published (answered 0)");
            }
            return;
        }
        if (authorId != expected.authorId() || !expected.title().equals(video.path("title").asString(null))) {
            out.add(where + ": video " + id + " by " + authorId + " titled " + video.path("title") + ", expected by "
                    + expected.authorId() + " \"" + expected.title() + "\"");
        }
        field(out, where, "video " + id, "favorite_count", video, ledger.favoriteCountOfVideo(id));
        field(out, where, "video " + id, "comment_count", video, ledger.commentCountOfVideo(id));
        flag(out, where, "video " + id, "is_favorite", video, ledger.isFavorite(viewerId, id));
        checkUser(video.path("author"), viewerId, where + " video " + id + " author", out);
    }

    private static void field(List<String> out, String where, String what, String field, JsonNode node,
                              long expected) {
        JsonNode value = node.path(field);
        if (!value.isIntegralNumber() || value.asLong() != expected) {
            out.add(where + ": " + what + " " + field + " = " + value + ", expected " + expected);
        }
    }

    private static void flag(List<String> out, String where, String what, String field, JsonNode node,
                             boolean expected) {
        JsonNode value = node.path(field);
        if (!value.isBoolean() || value.asBoolean() != expected) {
            out.add(where + ": " + what + " " + field + " = " + value + ", expected " + expected);
        }
    }

    private static void sameIds(String where, Collection<Long> actual, Set<Long> expected, List<String> out) {
        if (!new LinkedHashSet<>(actual).equals(expected) || actual.size() != expected.size()) {
            out.add(where + ": ids " + actual + ", expected " + expected);
        }
    }

    // ------------------------------------------------------------------------------------------ reading

    /** Sends the read to {@code baseUrl} (the gateway, or one instance of the read's service). */
    static Answer fetch(String baseUrl, Read read, Duration timeout) {
        long started = System.nanoTime();
        String failure;
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(Api.uri(baseUrl, read.path(),
                    read.query())).timeout(timeout).GET().build(), HttpResponse.BodyHandlers.ofString());
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            if (response.statusCode() != 200) {
                return new Answer(null, "HTTP " + response.statusCode() + ": " + response.body(), millis);
            }
            try {
                return new Answer(Api.JSON.readTree(response.body()), null, millis);
            } catch (RuntimeException e) {
                return new Answer(null, "not JSON: " + response.body(), millis);
            }
        } catch (IOException e) {
            failure = "no answer: " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = "interrupted";
        }
        return new Answer(null, failure, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    /** Reads once and lists what differs from the ledger, each line naming the read and where it was sent. */
    static List<String> verify(String baseUrl, Read read) {
        Answer answer = fetch(baseUrl, read, Duration.ofSeconds(30));
        List<String> out = new ArrayList<>();
        if (answer.failure() != null) {
            out.add(answer.failure());
        } else if (answer.statusCode() != 0) {
            out.add("status_code " + answer.statusCode() + " " + answer.statusMsg());
        } else {
            read.check().verify(answer.body(), out);
        }
        String via = Objects.equals(baseUrl, Suite.GATEWAY) ? "gateway" : baseUrl;
        return out.stream().map(line -> read.label() + " via " + via + ": " + line).toList();
    }

    private static Map<String, Object> withToken(Api.Session viewer, Object... more) {
        Map<String, Object> query = Api.params(more);
        if (viewer != null) {
            query.put("token", viewer.token());
        }
        return query;
    }

    private static Long idOf(Api.Session viewer) {
        return viewer == null ? null : viewer.userId();
    }

    private static String who(Api.Session viewer) {
        return viewer == null ? "anonymous" : String.valueOf(viewer.userId());
    }
}
