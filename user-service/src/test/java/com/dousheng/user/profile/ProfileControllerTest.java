package com.dousheng.user.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.dousheng.common.api.interaction.UserInteractionStats;
import com.dousheng.common.api.relation.RelationStats;
import com.dousheng.common.api.video.UserWorkCount;
import com.dousheng.common.auth.AuthHeaders;
import com.dousheng.common.auth.JwtProperties;
import com.dousheng.common.auth.JwtService;
import com.dousheng.common.remote.DegradedCalls;
import com.dousheng.common.testsupport.Tokens;
import com.dousheng.user.UserServiceTestBase;
import feign.FeignException;
import feign.Request;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

class ProfileControllerTest extends UserServiceTestBase {
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MeterRegistry meterRegistry;
    @Autowired
    JwtProperties jwtProperties;

    long alice;
    long bob;

    @BeforeEach
    void createUsers() throws Exception {
        alice = registerUser(uniqueName("alice"));
        bob = registerUser(uniqueName("bob"));
    }

    private long registerUser(String name) throws Exception {
        mvc.perform(post("/douyin/user/register/").queryParam("username", name).queryParam("password", "secret123"))
                .andExpect(jsonPath("$.status_code").value(0));
        return jdbc.queryForObject("SELECT id FROM user_account WHERE username = ?", Long.class, name);
    }

    @Test
    void profileCarriesEveryFieldWithCountersFromTheirOwners() throws Exception {
        when(relations.userStats(any())).thenReturn(List.of(new RelationStats(bob, 3, 5, true)));
        when(videos.workCounts(anyList())).thenReturn(List.of(new UserWorkCount(bob, 7)));
        when(interactions.userStats(anyList())).thenReturn(List.of(new UserInteractionStats(bob, 11, 13)));

        mvc.perform(get("/douyin/user/").queryParam("user_id", Long.toString(bob))
                        .header(AuthHeaders.USER_ID, alice)
                        .header(AuthHeaders.FORWARDED_BASE_URL, "http://192.168.1.10:8080"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status_code").value(0))
                .andExpect(jsonPath("$.user.id").value(bob))
                .andExpect(jsonPath("$.user.follow_count").value(3))
                .andExpect(jsonPath("$.user.follower_count").value(5))
                .andExpect(jsonPath("$.user.is_follow").value(true))
                .andExpect(jsonPath("$.user.work_count").value(7))
                .andExpect(jsonPath("$.user.favorite_count").value(11))
                .andExpect(jsonPath("$.user.total_favorited").value(13))
                .andExpect(jsonPath("$.user.avatar").value("http://192.168.1.10:8080/static/defaults/avatar.png"))
                .andExpect(jsonPath("$.user.background_image")
                        .value("http://192.168.1.10:8080/static/defaults/background.png"))
                .andExpect(jsonPath("$.user.signature").isString());
    }

    @Test
    void newUserHasZeroCountersAndOwnProfileIsTheDefault() throws Exception {
        mvc.perform(get("/douyin/user/").header(AuthHeaders.USER_ID, alice))
                .andExpect(jsonPath("$.status_code").value(0))
                .andExpect(jsonPath("$.user.id").value(alice))
                .andExpect(jsonPath("$.user.follow_count").value(0))
                .andExpect(jsonPath("$.user.follower_count").value(0))
                .andExpect(jsonPath("$.user.work_count").value(0))
                .andExpect(jsonPath("$.user.total_favorited").value(0))
                .andExpect(jsonPath("$.user.favorite_count").value(0))
                .andExpect(jsonPath("$.user.is_follow").value(false));
    }

    @Test
    void nobodyFollowsThemselves() throws Exception {
        when(relations.userStats(any())).thenReturn(List.of(new RelationStats(alice, 0, 0, true)));
        mvc.perform(get("/douyin/user/").header(AuthHeaders.USER_ID, alice))
                .andExpect(jsonPath("$.user.is_follow").value(false));
    }

    @Test
    void tokenIsVerifiedWhenNoGatewayHeaderCame() throws Exception {
        JwtService jwt = new JwtService(new JwtProperties(jwtProperties.secret(), Duration.ofDays(1)));
        mvc.perform(get("/douyin/user/").queryParam("token", jwt.issue(alice)))
                .andExpect(jsonPath("$.status_code").value(0))
                .andExpect(jsonPath("$.user.id").value(alice));

        String tampered = Tokens.tampered(jwt.issue(alice));
        mvc.perform(get("/douyin/user/").queryParam("token", tampered))
                .andExpect(jsonPath("$.status_code").value(2002));

        Clock lastMonth = Clock.fixed(Instant.now().minus(Duration.ofDays(30)), ZoneOffset.UTC);
        String expired = new JwtService(new JwtProperties(jwtProperties.secret(), Duration.ofDays(1)), lastMonth)
                .issue(alice);
        mvc.perform(get("/douyin/user/").queryParam("token", expired))
                .andExpect(jsonPath("$.status_code").value(2003));

        String otherSecret = new JwtService(new JwtProperties("another-secret-another-secret-another", Duration.ofDays(1)))
                .issue(alice);
        mvc.perform(get("/douyin/user/").queryParam("token", otherSecret))
                .andExpect(jsonPath("$.status_code").value(2002));

        mvc.perform(get("/douyin/user/")).andExpect(jsonPath("$.status_code").value(2001));
    }

    @Test
    void badUserIdsAnswerTheEnvelope() throws Exception {
        mvc.perform(get("/douyin/user/").queryParam("user_id", "abc").header(AuthHeaders.USER_ID, alice))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status_code").value(1003))
                .andExpect(jsonPath("$.status_msg").value("parameter 'user_id' must be a whole number"));
        mvc.perform(get("/douyin/user/").queryParam("user_id", "987654321").header(AuthHeaders.USER_ID, alice))
                .andExpect(jsonPath("$.status_code").value(3003));
        mvc.perform(post("/douyin/user/").header(AuthHeaders.USER_ID, alice))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status_code").value(1004));
    }

    @Test
    void aServiceThatDoesNotAnswerCostsItsCountersNotTheProfile() throws Exception {
        Request request = Request.create(Request.HttpMethod.POST, "http://relation-service/internal",
                Map.of(), null, StandardCharsets.UTF_8, null);
        when(relations.userStats(any())).thenThrow(new FeignException.ServiceUnavailable("down", request, null, null));
        when(videos.workCounts(anyList())).thenReturn(List.of(new UserWorkCount(bob, 2)));
        double before = failures("relation-service");

        mvc.perform(get("/douyin/user/").queryParam("user_id", Long.toString(bob)).header(AuthHeaders.USER_ID, alice))
                .andExpect(jsonPath("$.status_code").value(0))
                .andExpect(jsonPath("$.user.follower_count").value(0))
                .andExpect(jsonPath("$.user.work_count").value(2));
        assertThat(failures("relation-service")).isEqualTo(before + 1);
    }

    private double failures(String service) {
        var counter = meterRegistry.find(DegradedCalls.FAILURE_METRIC).tag("service", service).counter();
        return counter == null ? 0 : counter.count();
    }
}
