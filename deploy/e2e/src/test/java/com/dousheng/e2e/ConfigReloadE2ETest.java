package com.dousheng.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/** Nacos as the config center: a word added to the shared data id is masked in new comments without a restart. */
@ExtendWith(Suite.class)
class ConfigReloadE2ETest {
    private static final String SHARED = "dousheng-shared.yaml";

    @Test
    void aWordPublishedInNacosIsMaskedWithoutARestart() throws Exception {
        Api.Session author = Api.register("cfgauthor");
        assertThat(Api.upload(author.token(), "reload clip", Mp4s.h264(new Color(200, 40, 120)))
                .get("status_code").asInt()).isZero();
        long videoId = Api.get("/douyin/publish/list/", Api.params("user_id", author.userId(), "token",
                author.token())).get("video_list").get(0).get("id").asLong();
        // letters only, so that no listed word is part of it; new each run
        String word = "zq" + Long.toString(ThreadLocalRandom.current().nextLong(Long.MAX_VALUE), 36)
                .replaceAll("[0-9]", "x");
        String text = "so " + word + " today";
        assertThat(comment(author, videoId, text)).as("before the change").isEqualTo(text);

        String original = Nacos.config(SHARED);
        try {
            Nacos.publish(SHARED, "dousheng:\n  moderation:\n    extra-words: [" + word + "]\n");
            String masked = "so " + "*".repeat(word.length()) + " today";
            String seen = text;
            // a push takes a moment to reach interaction-service: bounded polling, at most 30 comments
            for (int attempt = 0; attempt < 30 && !seen.equals(masked); attempt++) {
                Thread.sleep(1000);
                seen = comment(author, videoId, text);
            }
            assertThat(seen).as("a comment after the word was published in Nacos").isEqualTo(masked);
        } finally {
            Nacos.publish(SHARED, original);
        }
    }

    private static String comment(Api.Session who, long videoId, String text) {
        JsonNode answer = Api.post("/douyin/comment/action/", Api.params("token", who.token(), "video_id", videoId,
                "action_type", 1, "comment_text", text));
        assertThat(answer.get("status_code").asInt()).as("comment answer %s", answer).isZero();
        return answer.get("comment").get("content").asString();
    }
}
