package com.dousheng.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.dousheng.common.web.ErrorCode;
import com.jayway.jsonpath.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChatTest extends MessageServiceTestBase {

    @Test
    void chatReturnsBothDirectionsAfterPreMsgTimeOldestFirst() throws Exception {
        send(1, 2, "  hello  ");
        send(2, 1, "hi back");
        send(1, 3, "someone else");
        send(1, 2, "how are you");

        List<Map<String, Object>> all = messages(2, 1, 0);
        assertThat(all).extracting(m -> m.get("content")).containsExactly("hello", "hi back", "how are you");
        assertThat(all).extracting(m -> m.get("from_user_id")).containsExactly(1, 2, 1);
        assertThat(all).extracting(m -> m.get("to_user_id")).containsExactly(2, 1, 2);
        assertThat(all.get(0)).containsOnlyKeys("id", "to_user_id", "from_user_id", "content", "create_time");
        assertThat(all.get(0).get("create_time")).isInstanceOf(Number.class);
        assertThat(createTime(all.get(0))).isGreaterThan(1_600_000_000_000L); // epoch ms, not seconds
        assertThat(createTime(all.get(1))).isGreaterThan(createTime(all.get(0)));

        assertThat(messages(1, 2, createTime(all.get(0)))).extracting(m -> m.get("content"))
                .containsExactly("hi back", "how are you");
        assertThat(messages(1, 2, createTime(all.get(2)))).isEmpty();
        // absent pre_msg_time (older clients, the Go suite) means the whole conversation
        assertThat(JsonPath.<List<Object>>read(chat(1L, "2", null), "$.message_list")).hasSize(3);
        assertThat(JsonPath.<List<Object>>read(chat(1L, "2", ""), "$.message_list")).hasSize(3);
        assertThat(messages(3, 2, 0)).isEmpty();
        assertThat(messages(1, 1, 0)).isEmpty();
    }

    @Test
    void contentIsTrimmedMaskedAndLimitedToAThousandCharacters() throws Exception {
        send(1, 2, "\t what the FUCK \n");
        send(1, 2, "x".repeat(1000));
        send(1, 2, "  " + "😀".repeat(1000) + "  "); // characters, not UTF-16 units
        assertThat(send(1L, "2", "1", "x".repeat(1001)).get("status_code"))
                .isEqualTo(ErrorCode.INVALID_PARAMETER.code());

        List<Map<String, Object>> stored = messages(1, 2, 0);
        assertThat(stored).extracting(m -> m.get("content"))
                .containsExactly("what the ****", "x".repeat(1000), "😀".repeat(1000));
    }

    @Test
    void everyRefusalAnswersTheEnvelopeAndStoresNothing() throws Exception {
        refused(send(1L, "1", "1", "me"), ErrorCode.CANNOT_MESSAGE_SELF);
        refused(send(1L, Long.toString(UNKNOWN_USER), "1", "anyone?"), ErrorCode.USER_NOT_FOUND);
        refused(send(1L, "2", "1", "   \n\t "), ErrorCode.INVALID_PARAMETER);
        refused(send(1L, "2", "1", ""), ErrorCode.INVALID_PARAMETER);
        refused(send(1L, "2", "1", "y".repeat(1001)), ErrorCode.INVALID_PARAMETER);
        refused(send(1L, "2", "2", "hi"), ErrorCode.INVALID_PARAMETER);
        refused(send(1L, "2", "send", "hi"), ErrorCode.INVALID_PARAMETER);
        refused(send(1L, "bob", "1", "hi"), ErrorCode.INVALID_PARAMETER);
        refused(send(1L, null, "1", "hi"), ErrorCode.MISSING_PARAMETER);
        refused(send(1L, "2", null, "hi"), ErrorCode.MISSING_PARAMETER);
        refused(send(1L, "2", "1", null), ErrorCode.MISSING_PARAMETER);
        refused(send(null, "2", "1", "hi"), ErrorCode.LOGIN_REQUIRED);
        refused(JsonPath.read(body(post("/douyin/message/action/").param("token", "forged")
                .param("to_user_id", "2").param("action_type", "1").param("content", "hi")), "$"),
                ErrorCode.TOKEN_INVALID);

        assertThat(rows("message")).isZero();
        assertThat(rows("conversation")).isZero();
    }

    @Test
    void malformedChatRequestsAnswerTheEnvelope() throws Exception {
        refused(JsonPath.read(chat(1L, "two", "0"), "$"), ErrorCode.INVALID_PARAMETER);
        refused(JsonPath.read(chat(1L, "2", "yesterday"), "$"), ErrorCode.INVALID_PARAMETER);
        refused(JsonPath.read(chat(1L, null, "0"), "$"), ErrorCode.MISSING_PARAMETER);
        refused(JsonPath.read(chat(null, "2", "0"), "$"), ErrorCode.LOGIN_REQUIRED);
        String empty = chat(1L, "2", "0");
        assertThat(JsonPath.<Integer>read(empty, "$.status_code")).isZero();
        assertThat(JsonPath.<List<Object>>read(empty, "$.message_list")).isEmpty();
    }

    @Test
    void aLongConversationIsServedInPagesThatPollingWalksThrough() throws Exception {
        int total = PAGE_SIZE * 2 + 20;
        for (int i = 0; i < total; i++) {
            send(i % 2 == 0 ? 1 : 2, i % 2 == 0 ? 2 : 1, "m" + i);
        }
        List<Object> seen = new ArrayList<>();
        long last = 0;
        List<Integer> pageSizes = new ArrayList<>();
        while (true) {
            List<Map<String, Object>> page = messages(1, 2, last);
            pageSizes.add(page.size());
            if (page.isEmpty()) {
                break;
            }
            page.forEach(m -> seen.add(m.get("content")));
            last = createTime(page.get(page.size() - 1));
        }
        assertThat(pageSizes).containsExactly(PAGE_SIZE, PAGE_SIZE, 20, 0);
        List<Object> expected = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            expected.add("m" + i);
        }
        assertThat(seen).isEqualTo(expected);
    }

    @Test
    void messagesOfOneMillisecondGetDistinctTimesSoAPollBetweenThemMissesNeither() throws Exception {
        long now = 1_700_000_000_000L;
        when(clock.millis()).thenReturn(now);
        send(1, 2, "first");
        List<Map<String, Object>> firstPoll = messages(2, 1, 0);
        assertThat(firstPoll).extracting(m -> m.get("content")).containsExactly("first");
        long seen = createTime(firstPoll.get(0));
        assertThat(seen).isEqualTo(now);

        send(2, 1, "second, same millisecond");
        send(1, 2, "third, same millisecond");
        List<Map<String, Object>> secondPoll = messages(2, 1, seen);
        assertThat(secondPoll).extracting(m -> m.get("content"))
                .containsExactly("second, same millisecond", "third, same millisecond");
        assertThat(secondPoll).extracting(MessageServiceTestBase::createTime).containsExactly(now + 1, now + 2);

        when(clock.millis()).thenReturn(now - 60_000); // the clock stepped back
        send(1, 2, "after a clock step back");
        assertThat(messages(1, 2, now + 2)).extracting(MessageServiceTestBase::createTime).containsExactly(now + 3);
        // another conversation keeps its own times
        send(1, 3, "elsewhere");
        assertThat(messages(3, 1, 0)).extracting(MessageServiceTestBase::createTime).containsExactly(now - 60_000);
    }

    @Test
    void latestMessagesGiveTheViewersLastMessageWithEachPeerInOneQuery() throws Exception {
        send(3, 1, "from 3 to 1");
        send(1, 3, "reply from 1"); // latest with 1, sent by 3's peer
        send(5, 3, "from 5");
        send(3, 7, "to 7 first");
        send(7, 3, "7 answers");

        sql.reset();
        String reply = mvc.perform(post("/internal/messages/latest")
                        .contentType("application/json").content("{\"viewerId\":3,\"peerIds\":[1,5,7,9,3]}"))
                .andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(sql.count()).isEqualTo(1);
        List<Map<String, Object>> latest = JsonPath.read(reply, "$");
        assertThat(latest).extracting(m -> m.get("peerId")).containsExactly(1, 5, 7, 9, 3);
        assertThat(latest).extracting(m -> m.get("content"))
                .containsExactly("reply from 1", "from 5", "7 answers", "", "");
        assertThat(latest).extracting(m -> m.get("msgType")).containsExactly(0, 0, 0, 0, 0);

        send(3, 5, "3 writes last");
        String again = mvc.perform(post("/internal/messages/latest")
                        .contentType("application/json").content("{\"viewerId\":3,\"peerIds\":[5]}"))
                .andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(JsonPath.<Map<String, Object>>read(again, "$[0]"))
                .containsEntry("content", "3 writes last").containsEntry("msgType", 1);
    }

    private static void refused(Map<String, Object> reply, ErrorCode code) {
        assertThat(reply.get("status_code")).as("%s", reply).isEqualTo(code.code());
        assertThat((String) reply.get("status_msg")).isNotBlank();
    }
}
