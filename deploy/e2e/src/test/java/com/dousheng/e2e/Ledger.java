package com.dousheng.e2e;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The truth a test expects the suite to show: every write the test made through the gateway, recorded once it
 * answered {@code status_code} 0, and the counts and flags of the contract (API.md section 2) derived from
 * them. {@link Views} compares what the public endpoints answer with it.
 */
final class Ledger {
    record Video(long id, long authorId, String title) {
    }

    record Comment(long id, long videoId, long userId, String content) {
    }

    record Message(long fromId, long toId, String content) {
    }

    private record Pair(long from, long to) {
    }

    private final Map<Long, Api.Session> users = new LinkedHashMap<>();
    private final Map<Long, Video> videos = new LinkedHashMap<>();
    private final Set<Pair> likes = new LinkedHashSet<>();
    private final Map<Long, Comment> comments = new LinkedHashMap<>();
    private final Set<Pair> follows = new LinkedHashSet<>();
    private final List<Message> messages = new ArrayList<>();

    // ------------------------------------------------------------------------------------------ writes

    Api.Session register(String prefix) {
        Api.Session user = Api.register(prefix);
        addUser(user);
        return user;
    }

    /** Uploads a minimal MP4 (default cover) and returns the new video's id, taken from MySQL, not from a read. */
    long publish(Api.Session author, String title) {
        ok(Api.upload(author.token(), title, minimalMp4()), "publish " + title);
        long id = videoIdInDatabase(author.userId(), title);
        addVideo(new Video(id, author.userId(), title));
        return id;
    }

    void like(Api.Session user, long videoId) {
        favorite(user, videoId, 1);
        addLike(user.userId(), videoId);
    }

    void unlike(Api.Session user, long videoId) {
        favorite(user, videoId, 2);
        likes.remove(new Pair(user.userId(), videoId));
    }

    long comment(Api.Session user, long videoId, String text) {
        JsonNode answer = ok(Api.post("/douyin/comment/action/", Api.params("token", user.token(),
                "video_id", videoId, "action_type", 1, "comment_text", text)), "comment on " + videoId);
        long id = answer.path("comment").path("id").asLong();
        addComment(new Comment(id, videoId, user.userId(), text));
        return id;
    }

    void deleteComment(Api.Session user, long commentId) {
        Comment comment = comments.get(commentId);
        ok(Api.post("/douyin/comment/action/", Api.params("token", user.token(), "video_id", comment.videoId(),
                "action_type", 2, "comment_id", commentId)), "delete comment " + commentId);
        comments.remove(commentId);
    }

    void follow(Api.Session follower, Api.Session followee) {
        relation(follower, followee, 1);
        addFollow(follower.userId(), followee.userId());
    }

    void unfollow(Api.Session follower, Api.Session followee) {
        relation(follower, followee, 2);
        follows.remove(new Pair(follower.userId(), followee.userId()));
    }

    void message(Api.Session from, Api.Session to, String content) {
        ok(Api.post("/douyin/message/action/", Api.params("token", from.token(), "to_user_id", to.userId(),
                "action_type", 1, "content", content)), "message to " + to.userId());
        addMessage(new Message(from.userId(), to.userId(), content));
    }

    // what the writes above record once they answered 0; ViewsTest fills a ledger with them directly

    void addUser(Api.Session user) {
        users.put(user.userId(), user);
    }

    void addVideo(Video video) {
        videos.put(video.id(), video);
    }

    void addLike(long userId, long videoId) {
        likes.add(new Pair(userId, videoId));
    }

    void addComment(Comment comment) {
        comments.put(comment.id(), comment);
    }

    void addFollow(long followerId, long followeeId) {
        follows.add(new Pair(followerId, followeeId));
    }

    void addMessage(Message message) {
        messages.add(message);
    }

    private void favorite(Api.Session user, long videoId, int action) {
        ok(Api.post("/douyin/favorite/action/", Api.params("token", user.token(), "video_id", videoId,
                "action_type", action)), (action == 1 ? "like " : "unlike ") + videoId);
    }

    private void relation(Api.Session follower, Api.Session followee, int action) {
        ok(Api.post("/douyin/relation/action/", Api.params("token", follower.token(),
                "to_user_id", followee.userId(), "action_type", action)),
                (action == 1 ? "follow " : "unfollow ") + followee.userId());
    }

    static JsonNode ok(JsonNode answer, String what) {
        if (answer.path("status_code").asInt(-1) != 0) {
            throw new AssertionError(what + " was refused: " + answer);
        }
        return answer;
    }

    private static long videoIdInDatabase(long authorId, String title) {
        try (Connection db = Suite.db("video");
             PreparedStatement q = db.prepareStatement(
                     "SELECT id FROM video WHERE author_id = ? AND title = ? ORDER BY id DESC LIMIT 1")) {
            q.setLong(1, authorId);
            q.setString(2, title);
            try (ResultSet row = q.executeQuery()) {
                if (!row.next()) {
                    throw new AssertionError("publish answered 0 but no row for \"" + title + "\"");
                }
                return row.getLong(1);
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    /** Enough of an MP4 for the upload checks (an ftyp box); no frame can be read, so it gets the default cover. */
    static byte[] minimalMp4() {
        ByteBuffer mp4 = ByteBuffer.allocate(4096);
        mp4.putInt(24).put("ftypisom".getBytes(StandardCharsets.US_ASCII)).putInt(0x200)
                .put("isommp41".getBytes(StandardCharsets.US_ASCII));
        return mp4.array();
    }

    // ------------------------------------------------------------------------------------------ the truth

    Collection<Api.Session> users() {
        return users.values();
    }

    Api.Session user(long id) {
        return users.get(id);
    }

    boolean knows(long userId) {
        return users.containsKey(userId);
    }

    Collection<Video> videos() {
        return videos.values();
    }

    Video video(long id) {
        return videos.get(id);
    }

    Set<Long> videosBy(long userId) {
        Set<Long> ids = new LinkedHashSet<>();
        videos.values().stream().filter(v -> v.authorId() == userId).forEach(v -> ids.add(v.id()));
        return ids;
    }

    Set<Long> likedBy(long userId) {
        Set<Long> ids = new LinkedHashSet<>();
        likes.stream().filter(p -> p.from() == userId).forEach(p -> ids.add(p.to()));
        return ids;
    }

    /** The comments on a video, newest first (ids grow with time). */
    List<Comment> commentsOn(long videoId) {
        return comments.values().stream().filter(c -> c.videoId() == videoId)
                .sorted((a, b) -> Long.compare(b.id(), a.id())).toList();
    }

    Set<Long> followees(long userId) {
        Set<Long> ids = new LinkedHashSet<>();
        follows.stream().filter(p -> p.from() == userId).forEach(p -> ids.add(p.to()));
        return ids;
    }

    Set<Long> followers(long userId) {
        Set<Long> ids = new LinkedHashSet<>();
        follows.stream().filter(p -> p.to() == userId).forEach(p -> ids.add(p.from()));
        return ids;
    }

    Set<Long> friends(long userId) {
        Set<Long> ids = followees(userId);
        ids.retainAll(followers(userId));
        return ids;
    }

    /** Both directions between two users, oldest first. */
    List<Message> conversation(long a, long b) {
        return messages.stream().filter(m -> (m.fromId() == a && m.toId() == b) || (m.fromId() == b && m.toId() == a))
                .toList();
    }

    long followCount(long userId) {
        return followees(userId).size();
    }

    long followerCount(long userId) {
        return followers(userId).size();
    }

    long workCount(long userId) {
        return videosBy(userId).size();
    }

    long favoriteCount(long userId) {
        return likedBy(userId).size();
    }

    long totalFavorited(long userId) {
        return likes.stream().filter(p -> videos.get(p.to()) != null && videos.get(p.to()).authorId() == userId)
                .count();
    }

    long favoriteCountOfVideo(long videoId) {
        return likes.stream().filter(p -> p.to() == videoId).count();
    }

    long commentCountOfVideo(long videoId) {
        return commentsOn(videoId).size();
    }

    /** Does {@code viewerId} (null: anonymous) follow {@code userId}. */
    boolean isFollow(Long viewerId, long userId) {
        return viewerId != null && follows.contains(new Pair(viewerId, userId));
    }

    boolean isFavorite(Long viewerId, long videoId) {
        return viewerId != null && likes.contains(new Pair(viewerId, videoId));
    }
}
