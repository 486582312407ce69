package com.dousheng.user.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.dousheng.common.api.interaction.UserInteractionStats;
import com.dousheng.common.api.relation.FollowQuery;
import com.dousheng.common.api.relation.RelationCounts;
import com.dousheng.common.api.relation.RelationServiceClient;
import com.dousheng.common.auth.AuthHeaders;
import com.dousheng.common.auth.JwtProperties;
import com.dousheng.common.auth.JwtService;
import com.dousheng.common.cache.ReadModel;
import com.dousheng.common.testsupport.Tokens;
import com.dousheng.user.UserServiceTestBase;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.mockito.ArgumentCaptor;
import org.springframework.jdbc.core.JdbcTemplate;

class ProfileControllerTest extends UserServiceTestBase {
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MeterRegistry meterRegistry;
    @Autowired
    JwtProperties jwtProperties;
    @Autowired
    UserProfileProperties defaults;

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
    void profileCarriesAllElevenFieldsComposedFromTheirOwners() throws Exception {
        String bobsName = jdbc.queryForObject("SELECT username FROM user_account WHERE id = ?", String.class, bob);
        relationTruth.put(bob, new RelationCounts(bob, 3, 5));
        followTruth.put(alice, Set.of(bob));
        workTruth.put(bob, 7L);
        likeTruth.put(bob, new UserInteractionStats(bob, 11, 13));

        mvc.perform(get("/douyin/user/").queryParam("user_id", Long.toString(bob))
                        .header(AuthHeaders.USER_ID, alice)
                        .header(AuthHeaders.FORWARDED_BASE_URL, "http://192.168.1.10:8080"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status_code").value(0))
                .andExpect(jsonPath("$.user.length()").value(11))
                .andExpect(jsonPath("$.user.id").value(bob))
                .andExpect(jsonPath("$.user.name").value(bobsName))
                .andExpect(jsonPath("$.user.follow_count").value(3))
                .andExpect(jsonPath("$.user.follower_count").value(5))
                .andExpect(jsonPath("$.user.is_follow").value(true))
                .andExpect(jsonPath("$.user.work_count").value(7))
                .andExpect(jsonPath("$.user.favorite_count").value(11))
                .andExpect(jsonPath("$.user.total_favorited").value(13))
                .andExpect(jsonPath("$.user.avatar").value("http://192.168.1.10:8080/static/defaults/avatar.png"))
                .andExpect(jsonPath("$.user.background_image")
                        .value("http://192.168.1.10:8080/static/defaults/background.png"))
                .andExpect(jsonPath("$.user.signature").value(defaults.defaultSignature()));

        // one batch call per leaf, about bob, and the follow asked as alice
        ArgumentCaptor<FollowQuery> follow = ArgumentCaptor.forClass(FollowQuery.class);
        verify(relations).followedAmong(follow.capture());
        assertThat(follow.getValue().viewerId()).isEqualTo(alice);
        assertThat(follow.getValue().userIds()).containsExactly(bob);
        verify(relations).counts(List.of(bob));
        verify(videos).workCounts(List.of(bob));
        verify(interactions).userStats(List.of(bob));
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
                .andExpect(jsonPath("$.user.is_follow").value(false))
                .andExpect(jsonPath("$.user.avatar").value("http://localhost/static/defaults/avatar.png"))
                .andExpect(jsonPath("$.user.signature").value(defaults.defaultSignature()));
    }

    @Test
    void nobodyFollowsThemselves() throws Exception {
        followTruth.put(alice, Set.of(alice));
        mvc.perform(get("/douyin/user/").header(AuthHeaders.USER_ID, alice))
                .andExpect(jsonPath("$.user.is_follow").value(false));
        verify(relations, never()).followedAmong(any());
    }

    @Test
    void aWarmProfileAsksNoLeafAndAnswersTheSame() throws Exception {
        relationTruth.put(bob, new RelationCounts(bob, 2, 4));
        followTruth.put(alice, Set.of(bob));
        workTruth.put(bob, 6L);
        likeTruth.put(bob, new UserInteractionStats(bob, 8, 10));
        var request = get("/douyin/user/").queryParam("user_id", Long.toString(bob)).header(AuthHeaders.USER_ID, alice);
        String first = mvc.perform(request).andExpect(jsonPath("$.status_code").value(0))
                .andExpect(jsonPath("$.user.is_follow").value(true))
                .andExpect(jsonPath("$.user.total_favorited").value(10))
                .andReturn().getResponse().getContentAsString();
        clearInvocations(relations, videos, interactions);

        String again = mvc.perform(request).andReturn().getResponse().getContentAsString();
        verifyNoInteractions(relations, videos, interactions);
        assertThat(again).isEqualTo(first);
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
    void whenRelationServiceFailsTheLastKnownCountsAreServedAndCounted() throws Exception {
        relationTruth.put(bob, new RelationCounts(bob, 3, 5));
        var request = get("/douyin/user/").queryParam("user_id", Long.toString(bob)).header(AuthHeaders.USER_ID, alice);
        mvc.perform(request).andExpect(jsonPath("$.user.follower_count").value(5));
        // the owner stores what its leaf answered; a follow then commits and leaves its tombstone
        readModel.invalidation().add(RelationServiceClient.COUNTS, bob).run();
        doThrow(unavailable("relation-service")).when(relations).counts(anyList());
        double before = stale(RelationServiceClient.COUNTS.prefix());

        mvc.perform(request)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status_code").value(0))
                .andExpect(jsonPath("$.user.id").value(bob))
                .andExpect(jsonPath("$.user.follow_count").value(3))
                .andExpect(jsonPath("$.user.follower_count").value(5));
        assertThat(stale(RelationServiceClient.COUNTS.prefix())).isEqualTo(before + 1);
    }

    @Test
    void whenRelationServiceFailsAndNothingIsKnownTheRequestFailsWithTheEnvelopeNeverWithZeros() throws Exception {
        doThrow(unavailable("relation-service")).when(relations).counts(anyList());
        double before = stale(RelationServiceClient.COUNTS.prefix());

        mvc.perform(get("/douyin/user/").queryParam("user_id", Long.toString(bob)).header(AuthHeaders.USER_ID, alice))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status_code").value(9001))
                .andExpect(jsonPath("$.status_msg").value(org.hamcrest.Matchers.containsString("relation-service")))
                .andExpect(jsonPath("$.user").doesNotExist());
        assertThat(stale(RelationServiceClient.COUNTS.prefix())).isEqualTo(before);
    }

    private double stale(String space) {
        var counter = meterRegistry.find(ReadModel.STALE_METRIC).tag("space", space).counter();
        return counter == null ? 0 : counter.count();
    }
}
