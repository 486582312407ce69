package com.dousheng.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.dousheng.common.api.user.UserServiceClient;
import com.dousheng.common.auth.AuthHeaders;
import com.dousheng.common.testsupport.SqlStatementCounter;
import com.dousheng.common.testsupport.TestInfrastructure;
import com.jayway.jsonpath.JsonPath;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * One Spring context for every test of this module: real MariaDB, user-service mocked, the
 * clock mocked (it follows the system clock unless a test pins it), and small chat pages so that paging is used.
 */
@SpringBootTest(properties = "dousheng.message.chat-page-size=" + MessageServiceTestBase.PAGE_SIZE)
@AutoConfigureMockMvc
@ActiveProfiles("it")
@Import(SqlStatementCounter.class)
public abstract class MessageServiceTestBase {
    protected static final int PAGE_SIZE = 50;
    /** Ids from here on are unknown to the mocked user-service. */
    protected static final long UNKNOWN_USER = 1_000_000;

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "dousheng_message_it", 5);
    }

    @MockitoBean
    protected UserServiceClient users;
    @MockitoBean
    protected Clock clock;

    @Autowired
    protected MockMvc mvc;
    @Autowired
    protected JdbcTemplate jdbc;
    @Autowired
    protected SqlStatementCounter sql;

    @BeforeEach
    void cleanAndStub() {
        jdbc.update("DELETE FROM message");
        jdbc.update("DELETE FROM conversation");
        when(clock.millis()).thenAnswer(inv -> System.currentTimeMillis());
        when(users.existingUserIds(anyList())).thenAnswer(inv -> {
            List<Long> ids = inv.getArgument(0);
            return ids.stream().filter(id -> id > 0 && id < UNKNOWN_USER).toList();
        });
    }

    /** Sends with the given raw parameters (null = left out) and returns the parsed envelope. */
    protected Map<String, Object> send(Long viewer, String toUserId, String actionType, String content)
            throws Exception {
        MockHttpServletRequestBuilder request = post("/douyin/message/action/");
        if (toUserId != null) {
            request.param("to_user_id", toUserId);
        }
        if (actionType != null) {
            request.param("action_type", actionType);
        }
        if (content != null) {
            request.param("content", content);
        }
        return JsonPath.read(body(as(request, viewer)), "$");
    }

    protected void send(long from, long to, String content) throws Exception {
        Map<String, Object> reply = send(from, Long.toString(to), "1", content);
        assertThat(reply.get("status_code")).as("send %d -> %d: %s", from, to, reply).isEqualTo(0);
    }

    /** One chat poll; returns the whole reply. */
    protected String chat(Long viewer, String toUserId, String preMsgTime) throws Exception {
        MockHttpServletRequestBuilder request = get("/douyin/message/chat/");
        if (toUserId != null) {
            request.param("to_user_id", toUserId);
        }
        if (preMsgTime != null) {
            request.param("pre_msg_time", preMsgTime);
        }
        return body(as(request, viewer));
    }

    protected List<Map<String, Object>> messages(long viewer, long other, long preMsgTime) throws Exception {
        String reply = chat(viewer, Long.toString(other), Long.toString(preMsgTime));
        assertThat(JsonPath.<Integer>read(reply, "$.status_code")).as(reply).isZero();
        return JsonPath.read(reply, "$.message_list");
    }

    protected static long createTime(Map<String, Object> message) {
        return ((Number) message.get("create_time")).longValue();
    }

    protected static long id(Map<String, Object> message) {
        return ((Number) message.get("id")).longValue();
    }

    protected static MockHttpServletRequestBuilder as(MockHttpServletRequestBuilder request, Long viewer) {
        return viewer == null ? request : request.header(AuthHeaders.USER_ID, viewer);
    }

    protected String body(MockHttpServletRequestBuilder request) throws Exception {
        var response = mvc.perform(request).andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(200);
        response.setCharacterEncoding("UTF-8");
        return response.getContentAsString();
    }

    protected long rows(String table) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class);
    }
}
