package com.dousheng.user.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.dousheng.common.auth.JwtService;
import com.dousheng.user.UserServiceTestBase;
import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.ResultActions;

class AccountControllerTest extends UserServiceTestBase {
    @Autowired
    JwtService jwtService;
    @Autowired
    JdbcTemplate jdbc;

    private ResultActions register(String username, String password) throws Exception {
        return mvc.perform(post("/douyin/user/register/").queryParam("username", username)
                .queryParam("password", password));
    }

    @Test
    void registerIssuesATokenForTheNewUserAndStoresABcryptHash() throws Exception {
        String name = uniqueName("alice");
        String body = register(name, "secret123")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status_code").value(0))
                .andExpect(jsonPath("$.user_id").value(greaterThan(0)))
                .andReturn().getResponse().getContentAsString();
        long userId = jdbc.queryForObject("SELECT id FROM user_account WHERE username = ?", Long.class, name);
        assertThat(((Number) JsonPath.read(body, "$.user_id")).longValue()).isEqualTo(userId);
        assertThat(jwtService.verify(JsonPath.read(body, "$.token"))).isEqualTo(userId);
        String hash = jdbc.queryForObject("SELECT password_hash FROM user_account WHERE id = ?", String.class, userId);
        assertThat(hash).startsWith("$2").doesNotContain("secret123");
    }

    @Test
    void takenUsernameFailsButKeepsTheTokenKeys() throws Exception {
        String name = uniqueName("bob");
        register(name, "secret123").andExpect(jsonPath("$.status_code").value(0));
        register(name, "other-password")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status_code").value(3001))
                .andExpect(jsonPath("$.status_msg").value(containsString("taken")))
                .andExpect(jsonPath("$.user_id").value(0))
                .andExpect(jsonPath("$.token").value(""));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM user_account WHERE username = ?", Integer.class, name))
                .isEqualTo(1);
    }

    @Test
    void loginChecksThePassword() throws Exception {
        String name = uniqueName("carol");
        register(name, "secret123");
        mvc.perform(post("/douyin/user/login/").queryParam("username", name).queryParam("password", "secret123"))
                .andExpect(jsonPath("$.status_code").value(0))
                .andExpect(jsonPath("$.token").value(not("")));
        mvc.perform(post("/douyin/user/login/").queryParam("username", name).queryParam("password", "wrong-pass"))
                .andExpect(jsonPath("$.status_code").value(3002))
                .andExpect(jsonPath("$.user_id").value(0))
                .andExpect(jsonPath("$.token").value(""));
        mvc.perform(post("/douyin/user/login/").queryParam("username", uniqueName("nobody"))
                        .queryParam("password", "secret123"))
                .andExpect(jsonPath("$.status_code").value(3002))
                .andExpect(jsonPath("$.token").value(""));
    }

    @Test
    void credentialsAreAlsoReadFromAFormBody() throws Exception {
        String name = uniqueName("dave");
        mvc.perform(post("/douyin/user/register/").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .content("username=" + name + "&password=secret123"))
                .andExpect(jsonPath("$.status_code").value(0));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM user_account WHERE username = ?", Integer.class, name))
                .isEqualTo(1);
    }

    @Test
    void malformedInputAnswersTheEnvelopeWithTheTokenKeys() throws Exception {
        String tenKb = "x".repeat(10 * 1024);
        register(tenKb, "secret123").andExpect(status().isOk())
                .andExpect(jsonPath("$.status_code").value(1003))
                .andExpect(jsonPath("$.token").value(""));
        register("", "secret123").andExpect(jsonPath("$.status_code").value(1002));
        register(uniqueName("eve"), "short").andExpect(jsonPath("$.status_code").value(1003))
                .andExpect(jsonPath("$.status_msg").value(containsString("6 to 32")));
        register(uniqueName("eve"), "p".repeat(33)).andExpect(jsonPath("$.status_code").value(1003));
        register("with space", "secret123").andExpect(jsonPath("$.status_code").value(1003));
        mvc.perform(post("/douyin/user/register/")).andExpect(status().isOk())
                .andExpect(jsonPath("$.status_code").value(1002))
                .andExpect(jsonPath("$.user_id").value(0));
        mvc.perform(post("/douyin/user/login/").contentType(MediaType.APPLICATION_JSON).content("{"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status_code").value(1002));
    }

    @Test
    void aPasswordOverBcryptsSeventyTwoBytesIsRefusedClearlyAtRegisterAndLogin() throws Exception {
        // 26 Chinese characters pass the 32-character rule but are 78 bytes in UTF-8
        String tooLong = "密".repeat(26);
        String name = uniqueName("frank");
        register(name, tooLong).andExpect(status().isOk())
                .andExpect(jsonPath("$.status_code").value(1003))
                .andExpect(jsonPath("$.status_msg").value(containsString("at most 72 bytes in UTF-8")))
                .andExpect(jsonPath("$.token").value(""));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM user_account WHERE username = ?", Integer.class, name))
                .isZero();
        mvc.perform(post("/douyin/user/login/").queryParam("username", name).queryParam("password", tooLong))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status_code").value(1003))
                .andExpect(jsonPath("$.status_msg").value(containsString("at most 72 bytes in UTF-8")))
                .andExpect(jsonPath("$.token").value(""));
    }

    @Test
    void aPasswordOfExactlySeventyTwoBytesRegistersAndLogsIn() throws Exception {
        String longest = "密".repeat(24);
        String name = uniqueName("grace");
        register(name, longest).andExpect(jsonPath("$.status_code").value(0));
        mvc.perform(post("/douyin/user/login/").queryParam("username", name).queryParam("password", longest))
                .andExpect(jsonPath("$.status_code").value(0));
        mvc.perform(post("/douyin/user/login/").queryParam("username", name)
                        .queryParam("password", "密".repeat(23) + "码"))
                .andExpect(jsonPath("$.status_code").value(3002));
    }

    @Test
    void wrongMethodAndUnknownPathAnswerTheEnvelope() throws Exception {
        mvc.perform(get("/douyin/user/register/").queryParam("username", "x").queryParam("password", "secret123"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.status_code").value(1004));
        mvc.perform(get("/douyin/user/nothing-here/"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status_code").value(1005));
    }
}
