package com.dousheng.user.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.dousheng.common.api.user.UserServiceClient;
import com.dousheng.common.testsupport.ReadModelTesting;
import com.dousheng.user.UserServiceTestBase;
import com.dousheng.user.account.AccountService;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** user-service's leaf API: profiles and existence from its own table and entries, no other service asked. */
class InternalUserControllerTest extends UserServiceTestBase {
    @Autowired
    InternalUserController internal;
    @Autowired
    AccountService accountService;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    JsonMapper json;
    @Autowired
    UserProfileProperties defaults;

    private List<Long> registerUsers(int count) {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(accountService.register(uniqueName("batch"), "secret123").userId());
        }
        return ids;
    }

    @Test
    void profilesKeepRequestOrderLeaveOutUnknownIdsApplyTheDefaultsAndAskNoOtherService() throws Exception {
        List<Long> ids = registerUsers(20);
        List<Long> request = new ArrayList<>(ids);
        Collections.reverse(request);
        request.add(5, 999_999_999L);
        long custom = ids.get(7);
        jdbc.update("UPDATE user_account SET avatar = ?, signature = ? WHERE id = ?",
                "https://cdn.example/me.png", "my own words", custom);

        JsonNode profiles = call("/profiles", request.stream().map(String::valueOf)
                .collect(Collectors.joining(",", "[", "]")));

        List<Long> answered = new ArrayList<>();
        profiles.forEach(p -> answered.add(p.get("id").asLong()));
        assertThat(answered).containsExactlyElementsOf(request.stream().filter(id -> id != 999_999_999L).toList());
        for (JsonNode profile : profiles) {
            long id = profile.get("id").asLong();
            String name = jdbc.queryForObject("SELECT username FROM user_account WHERE id = ?", String.class, id);
            assertThat(profile.get("name").asText()).isEqualTo(name);
            assertThat(profile.get("backgroundImage").asText()).isEqualTo(defaults.defaultBackground());
            if (id == custom) {
                assertThat(profile.get("avatar").asText()).isEqualTo("https://cdn.example/me.png");
                assertThat(profile.get("signature").asText()).isEqualTo("my own words");
            } else {
                // paths as configured; the composing service makes them absolute for its caller
                assertThat(profile.get("avatar").asText()).isEqualTo(defaults.defaultAvatar());
                assertThat(profile.get("signature").asText()).isEqualTo(defaults.defaultSignature());
            }
        }
        verifyNoInteractions(relations, videos, interactions);
    }

    @Test
    void profilesAreCachedInRedisUnderTheProfilePrefixAndSurviveAFlush() {
        List<Long> ids = registerUsers(2);
        assertThat(internal.profiles(ids)).hasSize(2);
        String key = ReadModelTesting.key(UserServiceClient.PROFILES, ids.get(0));
        assertThat(redis.opsForValue().get(key)).startsWith("=").contains("batch");
        assertThat(redis.getExpire(key)).isPositive();

        // a flushed Redis and a restarted process: MySQL still answers
        ReadModelTesting.flush(redis);
        ReadModelTesting.forgetMemory(readModel);
        var again = internal.profiles(ids);
        assertThat(again).extracting(p -> p.id()).containsExactlyElementsOf(ids);
        assertThat(again.get(0).name()).startsWith("batch");
        assertThat(redis.hasKey(key)).isTrue();
    }

    @Test
    void existingUserIdsFiltersUnknownOnes() throws Exception {
        List<Long> ids = registerUsers(2);
        JsonNode existing = call("/existing", "[" + ids.get(0) + ",888888888," + ids.get(1) + "]");
        List<Long> answered = new ArrayList<>();
        existing.forEach(id -> answered.add(id.asLong()));
        assertThat(answered).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(internal.existingUserIds(List.of())).isEmpty();
        verifyNoInteractions(relations, videos, interactions);
    }

    @Test
    void aMalformedBodyIsA400() throws Exception {
        mvc.perform(post(UserServiceClient.PATH + "/profiles").contentType(MediaType.APPLICATION_JSON)
                        .content("{not json"))
                .andExpect(status().isBadRequest());
    }

    private JsonNode call(String path, String body) throws Exception {
        String answer = mvc.perform(post(UserServiceClient.PATH + path).contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        return json.readTree(answer);
    }
}
