package com.dousheng.gateway;

import com.dousheng.common.auth.JwtProperties;
import com.dousheng.common.auth.JwtService;
import com.dousheng.common.testsupport.Tokens;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The real gateway, with its real routes and filters, in front of stub services found by simple discovery. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("it")
class GatewayRoutingTest {
    private static StubServices stubs;
    private static int deadPort;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) throws IOException {
        registry.add("spring.cloud.discovery.enabled", () -> "true");
        stubs = new StubServices();
        try (ServerSocket socket = new ServerSocket(0)) {
            deadPort = socket.getLocalPort();
        }
        for (String service : new String[] {"user-service", "video-service", "interaction-service",
                "relation-service"}) {
            registry.add("spring.cloud.discovery.client.simple.instances." + service + "[0].uri",
                    () -> "http://127.0.0.1:" + stubs.port());
        }
        // nothing listens there: a service that is down
        registry.add("spring.cloud.discovery.client.simple.instances.message-service[0].uri",
                () -> "http://127.0.0.1:" + deadPort);
    }

    @AfterAll
    static void stopStubs() {
        stubs.stop();
    }

    @LocalServerPort
    int port;
    @Autowired
    JwtProperties jwtProperties;

    WebTestClient client;
    JwtService jwt;

    @BeforeEach
    void setUp() {
        client = WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
        jwt = new JwtService(new JwtProperties(jwtProperties.secret(), Duration.ofHours(1)));
    }

    private WebTestClient.ResponseSpec get(String uri) {
        return client.get().uri(uri).exchange();
    }

    @Test
    void validTokenBecomesTheIdentityHeaderAndAClientCopyIsDropped() {
        client.get().uri("/douyin/user/?token=" + jwt.issue(1))
                .header("X-Dousheng-User-Id", "2")
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.path").isEqualTo("/douyin/user/")
                .jsonPath("$.user_id").isEqualTo("1")
                .jsonPath("$.base_url").isEqualTo("http://localhost:" + port);
    }

    @Test
    void forgedIdentityHeaderWithoutTokenNeverReachesAService() {
        client.get().uri("/douyin/feed/").header("X-Dousheng-User-Id", "2").exchange()
                .expectBody().jsonPath("$.user_id").isEqualTo("");
        client.post().uri("/douyin/user/register/?username=a&password=b").header("X-Dousheng-User-Id", "2")
                .exchange().expectBody().jsonPath("$.user_id").isEqualTo("");
        client.post().uri("/douyin/favorite/action/?video_id=1&action_type=1").header("X-Dousheng-User-Id", "2")
                .exchange().expectBody().jsonPath("$.status_code").isEqualTo(2001);
    }

    @Test
    void requiredEndpointsRefuseMissingTamperedExpiredAndOrphanTokens() {
        get("/douyin/user/").expectStatus().isOk().expectBody().jsonPath("$.status_code").isEqualTo(2001);

        String token = jwt.issue(1);
        String tampered = Tokens.tampered(token);
        get("/douyin/user/?token=" + tampered).expectBody().jsonPath("$.status_code").isEqualTo(2002);
        get("/douyin/user/?token=not-a-jwt").expectBody().jsonPath("$.status_code").isEqualTo(2002);

        Clock lastWeek = Clock.fixed(Instant.now().minus(Duration.ofDays(7)), ZoneOffset.UTC);
        String expired = new JwtService(new JwtProperties(jwtProperties.secret(), Duration.ofHours(1)), lastWeek)
                .issue(1);
        get("/douyin/user/?token=" + expired).expectBody().jsonPath("$.status_code").isEqualTo(2003);

        get("/douyin/relation/friend/list/?user_id=1&token=" + jwt.issue(404))
                .expectBody().jsonPath("$.status_code").isEqualTo(2002)
                .jsonPath("$.status_msg").isEqualTo("the account of this token does not exist");
    }

    @Test
    void optionalEndpointsServeAnonymousViewersEvenWithABadToken() {
        get("/douyin/feed/").expectBody().jsonPath("$.status_code").isEqualTo(0).jsonPath("$.user_id").isEqualTo("");
        get("/douyin/feed/?token=garbage").expectBody().jsonPath("$.user_id").isEqualTo("");
        get("/douyin/comment/list/?video_id=1&token=" + jwt.issue(404))
                .expectBody().jsonPath("$.user_id").isEqualTo("");
        get("/douyin/feed/?token=" + jwt.issue(2)).expectBody().jsonPath("$.user_id").isEqualTo("2");
    }

    @Test
    void tokenInAFormBodyIsReadAndTheBodyStillReachesTheService() {
        client.post().uri("/douyin/relation/action/")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("to_user_id=2&action_type=1&token=" + jwt.issue(1))
                .exchange()
                .expectBody()
                .jsonPath("$.user_id").isEqualTo("1")
                .jsonPath("$.body").value(body -> org.assertj.core.api.Assertions.assertThat((String) body)
                        .startsWith("to_user_id=2&action_type=1&token="));
    }

    @Test
    void pathsWorkWithAndWithoutTheTrailingSlash() {
        get("/douyin/feed").expectBody().jsonPath("$.path").isEqualTo("/douyin/feed/");
        get("/douyin/publish/list?user_id=1").expectBody().jsonPath("$.path").isEqualTo("/douyin/publish/list/");
    }

    @Test
    void uploadTokenTravelsOnToTheServiceThatVerifiesThePart() {
        client.post().uri("/douyin/publish/action/")
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .header("X-Dousheng-User-Id", "2")
                .bodyValue(new org.springframework.util.LinkedMultiValueMap<String, Object>())
                .exchange()
                .expectBody().jsonPath("$.path").isEqualTo("/douyin/publish/action/")
                .jsonPath("$.user_id").isEqualTo("");
    }

    @Test
    void gatewayFailuresAnswerInTheEnvelope() {
        get("/douyin/nowhere/").expectStatus().isOk()
                .expectBody().jsonPath("$.status_code").isEqualTo(1005);
        get("/internal/users/existing").expectStatus().isNotFound()
                .expectBody().jsonPath("$.status_code").isEqualTo(1005);
        get("/douyin/message/chat/?to_user_id=2&token=" + jwt.issue(1)).expectStatus().isOk()
                .expectBody().jsonPath("$.status_code").isEqualTo(9001);
    }

    @Test
    void requestsSpringNeverSeesStillAnswerTheEnvelope() throws IOException {
        String badEncoding = raw("GET /douyin/user/?user_id=%zz&token=" + jwt.issue(1) + " HTTP/1.1\r\n"
                + "Host: localhost\r\n\r\n");
        org.assertj.core.api.Assertions.assertThat(badEncoding).startsWith("HTTP/1.1 200")
                .contains("application/json").contains("\"status_code\":1003").contains("not correctly encoded");

        String hugeHeader = raw("GET /douyin/feed/ HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "a".repeat(40_000)
                + "\r\n\r\n");
        org.assertj.core.api.Assertions.assertThat(hugeHeader).startsWith("HTTP/1.1 200")
                .contains("\"status_code\":1006");
    }

    /** Sends bytes no HTTP client library would send, and reads the whole answer. */
    private String raw(String request) throws IOException {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
