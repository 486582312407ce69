package com.dousheng.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The checks of {@link Views} on hand-made answers: what a correct answer passes, a stale or made-up one fails.
 * The end-to-end tests that use them (freshness, cache loss, slow leaf) can only fail if these can. Needs no suite.
 */
class ViewsTest {
    private static final Api.Session A = new Api.Session(1, "token-a", "alice");
    private static final Api.Session B = new Api.Session(2, "token-b", "bob");
    private static final long VIDEO = 10;
    private static final long COMMENT = 100;

    /** Alice published a video that Bob liked and commented; they follow each other and wrote once each. */
    private static Ledger ledger() {
        Ledger ledger = new Ledger();
        ledger.addUser(A);
        ledger.addUser(B);
        ledger.addVideo(new Ledger.Video(VIDEO, A.userId(), "clip"));
        ledger.addLike(B.userId(), VIDEO);
        ledger.addComment(new Ledger.Comment(COMMENT, VIDEO, B.userId(), "nice"));
        ledger.addFollow(B.userId(), A.userId());
        ledger.addFollow(A.userId(), B.userId());
        ledger.addMessage(new Ledger.Message(A.userId(), B.userId(), "hi"));
        ledger.addMessage(new Ledger.Message(B.userId(), A.userId(), "yo"));
        return ledger;
    }

    private static final String ALICE_AS_BOB = user(1, "alice", "1", "1", true, "1", "1", "0");
    private static final String BOB_AS_BOB = user(2, "bob", "1", "1", false, "0", "0", "1");

    @Test
    void correctAnswersPass() {
        Views views = new Views(ledger());
        assertThat(check(views.feed(B), feed(video(VIDEO, ALICE_AS_BOB, "1", "1", true)))).isEmpty();
        assertThat(check(views.feed(null), feed(video(VIDEO, user(1, "alice", "1", "1", false, "1", "1", "0"),
                "1", "1", false)))).isEmpty();
        assertThat(check(views.userInfo(B, A.userId()), "{\"status_code\":0,\"user\":" + ALICE_AS_BOB + "}"))
                .isEmpty();
        assertThat(check(views.publishList(B, A.userId()), "{\"status_code\":0,\"video_list\":["
                + video(VIDEO, ALICE_AS_BOB, "1", "1", true) + "]}")).isEmpty();
        assertThat(check(views.friendList(B), "{\"status_code\":0,\"user_list\":["
                + ALICE_AS_BOB.replace("}", ",\"message\":\"yo\",\"msgType\":1}") + "]}")).isEmpty();
        assertThat(check(views.chat(B, A), chat("1>2:hi", "2>1:yo"))).isEmpty();
        assertThat(check(views.commentList(B, VIDEO), "{\"status_code\":0,\"comment_list\":[{\"id\":100,"
                + "\"content\":\"nice\",\"user\":" + BOB_AS_BOB + "}]}")).isEmpty();
    }

    @Test
    void aStaleOrMadeUpCountFails() {
        Views views = new Views(ledger());
        assertThat(check(views.feed(B), feed(video(VIDEO, ALICE_AS_BOB, "0", "1", true))))
                .singleElement().asString().contains("video 10 favorite_count = 0, expected 1");
        assertThat(check(views.feed(B), feed(video(VIDEO, ALICE_AS_BOB, "1", "1", false))))
                .singleElement().asString().contains("is_favorite = false, expected true");
        assertThat(check(views.feed(B), feed(video(VIDEO, user(1, "alice", "1", "0", true, "1", "1", "0"),
                "1", "1", true)))).singleElement().asString().contains("user 1 follower_count = 0, expected 1");
        assertThat(check(views.userInfo(B, A.userId()), "{\"status_code\":0,\"user\":"
                + user(1, "alice", "1", "1", false, "1", "1", "0") + "}"))
                .singleElement().asString().contains("is_follow = false, expected true");
        // a count must be a JSON integer, as the contract says
        assertThat(check(views.userInfo(B, A.userId()), "{\"status_code\":0,\"user\":"
                + user(1, "alice", "1", "1", true, "\"1\"", "1", "0") + "}"))
                .singleElement().asString().contains("total_favorited");
    }

    @Test
    void aMissingOrExtraOrMisorderedEntryFails() {
        Views views = new Views(ledger());
        assertThat(check(views.feed(B), feed())).singleElement().asString().contains("video 10 (\"clip\") missing");
        assertThat(check(views.feed(B), feed(video(VIDEO, ALICE_AS_BOB, "1", "1", true),
                video(11, ALICE_AS_BOB, "0", "0", false)))).singleElement().asString()
                .contains("video 11 by 1 was never published");
        assertThat(check(views.publishList(B, A.userId()), "{\"status_code\":0,\"video_list\":[]}"))
                .singleElement().asString().contains("ids [], expected [10]");
        assertThat(check(views.chat(B, A), chat("2>1:yo", "1>2:hi"))).hasSize(1);
        assertThat(check(views.friendList(B), "{\"status_code\":0,\"user_list\":["
                + ALICE_AS_BOB.replace("}", ",\"message\":\"hi\",\"msgType\":0}") + "]}"))
                .singleElement().asString().contains("expected \"yo\" msgType 1");
        assertThat(check(views.commentList(B, VIDEO), "{\"status_code\":0,\"comment_list\":[]}"))
                .singleElement().asString().contains("expected newest first [100]");
    }

    private static List<String> check(Views.Read read, String answer) {
        JsonNode body = Api.JSON.readTree(answer);
        List<String> out = new ArrayList<>();
        read.check().verify(body, out);
        return out;
    }

    private static String user(long id, String name, String follows, String followers, boolean isFollow,
                               String totalFavorited, String works, String favorites) {
        return "{\"id\":" + id + ",\"name\":\"" + name + "\",\"follow_count\":" + follows + ",\"follower_count\":"
                + followers + ",\"is_follow\":" + isFollow + ",\"total_favorited\":" + totalFavorited
                + ",\"work_count\":" + works + ",\"favorite_count\":" + favorites + "}";
    }

    private static String video(long id, String author, String likes, String comments, boolean isFavorite) {
        return "{\"id\":" + id + ",\"author\":" + author + ",\"title\":\"clip\",\"favorite_count\":" + likes
                + ",\"comment_count\":" + comments + ",\"is_favorite\":" + isFavorite + "}";
    }

    private static String feed(String... videos) {
        return "{\"status_code\":0,\"video_list\":[" + String.join(",", videos) + "]}";
    }

    private static String chat(String... messages) {
        List<String> list = new ArrayList<>();
        for (String m : messages) {
            String[] fromTo = m.substring(0, m.indexOf(':')).split(">");
            list.add("{\"from_user_id\":" + fromTo[0] + ",\"to_user_id\":" + fromTo[1] + ",\"content\":\""
                    + m.substring(m.indexOf(':') + 1) + "\"}");
        }
        return "{\"status_code\":0,\"message_list\":[" + String.join(",", list) + "]}";
    }
}
