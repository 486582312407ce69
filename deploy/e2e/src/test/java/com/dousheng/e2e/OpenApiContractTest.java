package com.dousheng.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The judge itself, without the suite: answers with the mistakes toy servers make must each be reported with
 * their JSON path, and a correct answer must pass.
 */
class OpenApiContractTest {
    private static final OpenApiContract CONTRACT = OpenApiContract.load();

    private static final String USER = """
            {"id": 7, "name": "amy", "follow_count": 0, "follower_count": 2, "is_follow": false,
             "avatar": "http://10.0.0.2:8080/static/defaults/avatar.png",
             "background_image": "http://10.0.0.2:8080/static/defaults/background.png", "signature": "",
             "total_favorited": 3, "work_count": 1, "favorite_count": 0}""";
    private static final String VIDEO = """
            {"id": 11, "author": %s, "play_url": "http://10.0.0.2:8080/static/videos/a.mp4",
             "cover_url": "http://10.0.0.2:8080/static/covers/a.jpg", "favorite_count": 1, "comment_count": 0,
             "is_favorite": false, "title": "hello"}""".formatted(USER);

    private static List<String> check(String operationId, String json, Long viewerId) {
        JsonNode body = Api.JSON.readTree(json);
        return CONTRACT.check(CONTRACT.responseSchema(operationId), body, true, viewerId);
    }

    private static String feed(String video) {
        return "{\"status_code\": 0, \"status_msg\": \"ok\", \"next_time\": 1700000000000, \"video_list\": [" + video
                + "]}";
    }

    @Test
    void aCorrectAnswerPasses() {
        assertThat(check("feed", feed(VIDEO), 7L)).isEmpty();
        assertThat(check("feed", feed(VIDEO), null)).isEmpty();
        assertThat(check("friendList", "{\"status_code\": 0, \"status_msg\": \"\", \"user_list\": ["
                + USER.replace("}", ", \"message\": \"hi\", \"msgType\": 1}") + "]}", 9L)).isEmpty();
        assertThat(CONTRACT.jsonOperations()).hasSize(16).containsEntry("GET /douyin/feed/", "feed");
    }

    @Test
    void wrongTypesAreReportedWithTheirPath() {
        List<String> errors = check("feed", feed(VIDEO.replace("\"id\": 11", "\"id\": \"11\"")
                .replace("\"is_favorite\": false", "\"is_favorite\": 0")
                .replace("\"total_favorited\": 3", "\"total_favorited\": \"3\"")
                .replace("\"favorite_count\": 1", "\"favorite_count\": 1.0")), 7L);
        assertThat(errors).anyMatch(e -> e.startsWith("$.video_list[0].id: expected integer, got string"))
                .anyMatch(e -> e.startsWith("$.video_list[0].is_favorite: expected boolean, got integer"))
                .anyMatch(e -> e.startsWith("$.video_list[0].author.total_favorited: expected integer, got string"))
                .anyMatch(e -> e.startsWith("$.video_list[0].favorite_count: expected integer, got number"));
        assertThat(check("messageChat", "{\"status_code\": 0, \"status_msg\": \"\", \"message_list\": [{\"id\": 1, "
                + "\"to_user_id\": 2, \"from_user_id\": 3, \"content\": \"x\", \"create_time\": \"3:04PM\"}]}", 2L))
                .containsExactly("$.message_list[0].create_time: expected integer, got string \"3:04PM\"");
        assertThat(check("feed", "{\"status_code\": 4294967296, \"status_msg\": \"\", \"next_time\": 1, "
                + "\"video_list\": []}", null)).containsExactly("$.status_code: 4294967296 does not fit int32");
    }

    @Test
    void missingAndNullFieldsAndListsAreReported() {
        assertThat(check("feed", feed(VIDEO.replace("\"work_count\": 1, ", "")), null))
                .containsExactly("$.video_list[0].author.work_count: required field missing");
        assertThat(check("commentList", "{\"status_code\": 0, \"status_msg\": \"\", \"comment_list\": null}", null))
                .containsExactly("$.comment_list: null (the contract declares no nullable field)");
        assertThat(check("followList", "{\"status_code\": 0, \"status_msg\": \"\"}", null))
                .containsExactly("$.user_list: required field missing");
        // next_time is not 'required' in the schema, but API.md says every field is always present
        assertThat(check("feed", "{\"status_code\": 0, \"status_msg\": \"\", \"video_list\": []}", null))
                .containsExactly("$.next_time: missing (API.md 2: every field is always present)");
        assertThat(CONTRACT.check(CONTRACT.responseSchema("feed"), Api.JSON.readTree(
                "{\"status_code\": 1, \"video_list\": []}"), false, null)).isEmpty();
    }

    @Test
    void nestedFriendUserAndWrongKeysAreReported() {
        List<String> errors = check("friendList", "{\"status_code\": 0, \"status_msg\": \"\", \"user_list\": [{"
                + "\"user\": " + USER + ", \"message\": \"\", \"msg_type\": 0}]}", 9L);
        assertThat(errors).contains("$.user_list[0].id: required field missing",
                "$.user_list[0].is_follow: required field missing", "$.user_list[0].msgType: required field missing");
    }

    @Test
    void formatsAndPatternsAreReported() {
        assertThat(check("feed", feed(VIDEO.replace("\"http://10.0.0.2:8080/static/videos/a.mp4\"",
                "\"/static/videos/a.mp4\"")), null))
                .containsExactly("$.video_list[0].play_url: \"/static/videos/a.mp4\" is not an absolute http(s) URL");
        String comment = "{\"status_code\": 0, \"status_msg\": \"\", \"comment\": {\"id\": 5, \"user\": " + USER
                + ", \"content\": \"hi\", \"create_date\": \"2026-05-01 10:00\"}}";
        assertThat(check("commentAction", comment, 7L))
                .containsExactly("$.comment.create_date: \"2026-05-01 10:00\" does not match ^\\d{2}-\\d{2}$");
    }

    @Test
    void viewerRelativeValuesAreReported() {
        String followed = VIDEO.replace("\"is_follow\": false", "\"is_follow\": true");
        assertThat(check("feed", feed(followed), 3L)).isEmpty();
        assertThat(check("feed", feed(followed), null))
                .containsExactly("$.video_list[0].author.is_follow: true for an anonymous viewer");
        assertThat(check("feed", feed(followed), 7L))
                .containsExactly("$.video_list[0].author.is_follow: true on the viewer's own user 7");
        assertThat(check("publishList", feed(VIDEO.replace("\"is_favorite\": false", "\"is_favorite\": true")), null))
                .containsExactly("$.video_list[0].is_favorite: true for an anonymous viewer");
        String selfFriend = USER.replace("\"is_follow\": false", "\"is_follow\": true")
                .replace("}", ", \"message\": \"\", \"msgType\": 0}");
        assertThat(check("friendList", "{\"status_code\": 0, \"status_msg\": \"\", \"user_list\": [" + selfFriend
                + "]}", 7L)).containsExactly("$.user_list[0].is_follow: true on the viewer's own user 7");
    }
}
