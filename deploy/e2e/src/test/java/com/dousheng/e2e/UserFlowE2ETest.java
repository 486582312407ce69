package com.dousheng.e2e;

import static com.dousheng.e2e.Api.get;
import static com.dousheng.e2e.Api.params;
import static com.dousheng.e2e.Api.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.dousheng.common.testsupport.Tokens;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/** Register, log in and read profiles through the real gateway, Nacos and user-service. */
@ExtendWith(Suite.class)
class UserFlowE2ETest {

    @Test
    void everyApplicationIsRegisteredInNacos() {
        for (String service : List.of("gateway", "user-service", "video-service", "interaction-service",
                "relation-service", "message-service")) {
            JsonNode hosts = Nacos.instances(service);
            assertThat(hosts.size()).as("instances of %s in Nacos", service).isPositive();
            assertThat(hosts.get(0).get("healthy").asBoolean()).isTrue();
        }
    }

    /**
     * Services trust the gateway's identity header and Nacos decides where requests go, so only the gateway may
     * listen beyond loopback: not the services, not a management port, not Nacos (HTTP, both gRPC, raft).
     */
    @Test
    void onlyTheGatewayListensBeyondLoopback() throws Exception {
        assertThat(ListeningSockets.addressesOf(8080)).as("gateway").anyMatch(ListeningSockets::isWildcard);
        for (int port : SecondHostE2ETest.SUITE_PORTS) {
            if (port != 8080) {
                assertThat(ListeningSockets.addressesOf(port)).as("port %d", port)
                        .isNotEmpty().allMatch(ListeningSockets::isLoopback);
            }
        }
    }

    @Test
    void registerLoginAndReadProfiles() {
        Api.Session alice = Api.register("alice");
        Api.Session bob = Api.register("bob");

        JsonNode login = post("/douyin/user/login/", params("username", alice.name(), "password", "secret123"));
        assertThat(login.get("status_code").asInt()).isZero();
        assertThat(login.get("user_id").asLong()).isEqualTo(alice.userId());
        String token = login.get("token").asString();

        JsonNode own = get("/douyin/user/", params("token", token));
        assertThat(own.get("status_code").asInt()).isZero();
        JsonNode user = own.get("user");
        Api.assertFullUser(user, alice);
        assertThat(user.get("follow_count").isNumber()).isTrue();
        assertThat(user.get("is_follow").isBoolean()).isTrue();
        assertThat(user.get("avatar").asString()).startsWith("http://127.0.0.1:8080/static/");

        JsonNode other = get("/douyin/user/", params("user_id", bob.userId(), "token", token));
        assertThat(other.get("user").get("id").asLong()).isEqualTo(bob.userId());
        assertThat(other.get("user").get("name").asString()).isEqualTo(bob.name());
        assertThat(other.get("user").get("is_follow").asBoolean()).isFalse();

        // the avatar URL really serves an image
        HttpResponse<byte[]> avatar = Api.download(user.get("avatar").asString(), null);
        assertThat(avatar.statusCode()).isEqualTo(200);
        assertThat(avatar.headers().firstValue("Content-Type").orElse("")).startsWith("image/");

        // without the trailing slash, as tools often call it
        JsonNode noSlash = get("/douyin/user", params("token", token));
        assertThat(noSlash.get("user").get("id").asLong()).isEqualTo(alice.userId());
    }

    @Test
    void failedRegisterAndLoginSayWhyAndKeepTheTokenKey() {
        Api.Session carol = Api.register("carol");
        JsonNode taken = post("/douyin/user/register/", params("username", carol.name(), "password", "secret123"));
        assertThat(taken.get("status_code").asInt()).isNotZero();
        assertThat(taken.get("status_msg").asString()).contains("taken");
        assertThat(taken.get("token").asString()).isEmpty();
        assertThat(taken.get("user_id").asLong()).isZero();

        JsonNode wrong = post("/douyin/user/login/", params("username", carol.name(), "password", "wrong-pass"));
        assertThat(wrong.get("status_code").asInt()).isNotZero();
        assertThat(wrong.get("token").asString()).isEmpty();

        JsonNode unknown = get("/douyin/user/", params("user_id", 987654321L, "token", carol.token()));
        assertThat(unknown.get("status_code").asInt()).isNotZero();
    }

    @Test
    void forgedIdentityIsRefusedOrIgnored() {
        Api.Session dave = Api.register("dave");
        Api.Session erin = Api.register("erin");

        // a client claiming to be erin in the gateway's header gets its own identity, or none
        JsonNode claimed = Api.send(HttpRequest.newBuilder(Api.uri("/douyin/user/", params("token", dave.token()))),
                Map.of("X-Dousheng-User-Id", Long.toString(erin.userId())));
        assertThat(claimed.get("user").get("id").asLong()).isEqualTo(dave.userId());
        JsonNode headerOnly = Api.send(HttpRequest.newBuilder(Api.uri("/douyin/user/", Map.of())),
                Map.of("X-Dousheng-User-Id", Long.toString(erin.userId())));
        assertThat(headerOnly.get("status_code").asInt()).isEqualTo(2001);

        String tampered = Tokens.tampered(dave.token());
        assertThat(get("/douyin/user/", params("token", tampered)).get("status_code").asInt()).isEqualTo(2002);

        var key = Keys.hmacShaKeyFor(Suite.JWT_SECRET.getBytes(StandardCharsets.UTF_8));
        String expired = Jwts.builder().subject(Long.toString(dave.userId()))
                .issuedAt(Date.from(Instant.now().minusSeconds(7200)))
                .expiration(Date.from(Instant.now().minusSeconds(3600))).signWith(key).compact();
        assertThat(get("/douyin/user/", params("token", expired)).get("status_code").asInt()).isEqualTo(2003);

        String orphan = Jwts.builder().subject("99999999").issuedAt(new Date())
                .expiration(Date.from(Instant.now().plusSeconds(3600))).signWith(key).compact();
        assertThat(get("/douyin/user/", params("token", orphan)).get("status_code").asInt()).isEqualTo(2002);
    }

    @Test
    void malformedInputGetsTheEnvelopeNeverAnErrorPage() {
        Api.Session frank = Api.register("frank");
        assertThat(get("/douyin/user/", params("user_id", "abc", "token", frank.token()))
                .get("status_code").asInt()).isEqualTo(1003);
        assertThat(post("/douyin/user/register/", params("username", "u".repeat(10_240), "password", "secret123"))
                .get("status_code").asInt()).isNotZero();
        assertThat(post("/douyin/user/register/", Map.of()).get("status_code").asInt()).isEqualTo(1002);
        assertThat(get("/douyin/user/register/", params("username", "x", "password", "secret123"))
                .get("status_code").asInt()).isEqualTo(1004);
        assertThat(get("/douyin/no/such/thing/", Map.of()).get("status_code").asInt()).isEqualTo(1005);
    }
}
