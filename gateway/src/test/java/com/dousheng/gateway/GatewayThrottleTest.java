package com.dousheng.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.dousheng.common.auth.JwtProperties;
import com.dousheng.common.auth.JwtService;
import com.dousheng.common.testsupport.TestInfrastructure;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The real gateway in front of stub services, its buckets in the real Redis (database 14, emptied before each
 * test). Limits are the application.yml defaults unless a test tightens them, which it does the way Nacos would:
 * a changed property source and an {@link EnvironmentChangeEvent}, with the gateway running on.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        // one proxy of ours in front, so that X-Forwarded-For gives each test client its own address
        properties = "dousheng.gateway.throttle.trusted-proxies=1")
@ActiveProfiles("it")
class GatewayThrottleTest {
    private static final int REDIS_DATABASE = 14;
    private static final Pattern RETRY = Pattern.compile("; try again in (\\d+) s$");
    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };
    private static final String OVERRIDES = "throttle-test-overrides";
    private static final AtomicInteger ADDRESSES = new AtomicInteger();

    private static StubServices stubs;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) throws IOException {
        stubs = new StubServices();
        registry.add("spring.cloud.discovery.enabled", () -> "true");
        for (String service : new String[] {"user-service", "video-service", "interaction-service",
                "relation-service", "message-service"}) {
            registry.add("spring.cloud.discovery.client.simple.instances." + service + "[0].uri",
                    () -> "http://127.0.0.1:" + stubs.port());
        }
        TestInfrastructure.Endpoints infrastructure = TestInfrastructure.endpoints();
        registry.add("spring.data.redis.host", infrastructure::redisHost);
        registry.add("spring.data.redis.port", infrastructure::redisPort);
        registry.add("spring.data.redis.database", () -> REDIS_DATABASE);
    }

    @AfterAll
    static void stopStubs() {
        stubs.stop();
    }

    @LocalServerPort
    int port;
    @Value("${dousheng.jwt.secret}")
    String secret;
    @Autowired
    ConfigurableEnvironment environment;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    ReactiveStringRedisTemplate redis;

    WebTestClient client;
    JwtService jwt;
    final Map<String, Object> overrides = new HashMap<>();

    @BeforeEach
    void setUp() {
        client = WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
        jwt = new JwtService(new JwtProperties(secret, Duration.ofHours(1)));
        redis.execute(connection -> connection.serverCommands().flushDb()).blockLast();
    }

    @AfterEach
    void restoreDefaults() {
        if (!overrides.isEmpty()) {
            Set<String> keys = new HashSet<>(overrides.keySet());
            overrides.clear();
            environment.getPropertySources().remove(OVERRIDES);
            events.publishEvent(new EnvironmentChangeEvent(keys));
        }
    }

    /** Changes throttle settings as a config push would: a new property source, then the change event. */
    private void configure(String... keyValues) {
        for (int i = 0; i < keyValues.length; i += 2) {
            overrides.put("dousheng.gateway.throttle." + keyValues[i], keyValues[i + 1]);
        }
        environment.getPropertySources().remove(OVERRIDES);
        environment.getPropertySources().addFirst(new MapPropertySource(OVERRIDES, new HashMap<>(overrides)));
        events.publishEvent(new EnvironmentChangeEvent(overrides.keySet()));
    }

    private void limit(String name, int permits, String period, int burst) {
        configure(name + ".permits", Integer.toString(permits), name + ".period", period,
                name + ".burst", Integer.toString(burst));
    }

    /** A client address no other request of the run has used (from 198.18.0.0/15, set aside for tests). */
    private static String address() {
        int n = ADDRESSES.incrementAndGet();
        return "198." + (18 + (n >> 16)) + "." + ((n >> 8) & 0xff) + "." + (n & 0xff);
    }

    private EntityExchangeResult<Map<String, Object>> post(String uri, String forwardedFor) {
        // as a URI: the tests send paths and values already percent-encoded, as they should reach the gateway
        return client.post().uri(URI.create("http://localhost:" + port + uri)).header("X-Forwarded-For", forwardedFor)
                .exchange()
                .expectStatus().isOk().expectBody(JSON).returnResult();
    }

    private Map<String, Object> login(String username, String forwardedFor) {
        return post("/douyin/user/login/?username=" + username + "&password=wrong", forwardedFor).getResponseBody();
    }

    private Map<String, Object> register(String username, String forwardedFor) {
        return post("/douyin/user/register/?username=" + username + "&password=secret", forwardedFor)
                .getResponseBody();
    }

    private Map<String, Object> write(String action, long userId) {
        return post("/douyin/" + action + "/action/?video_id=1&to_user_id=2&action_type=1&token=" + jwt.issue(userId),
                "203.0.113.1").getResponseBody();
    }

    /** A request the service answered (the stub echoes the path it got). */
    private static void assertPassed(Map<String, Object> answer) {
        assertThat(answer).containsEntry("status_code", 0).containsKey("path");
    }

    /** A refusal: code 1008, the reason, and a wait in whole seconds within the limit's period. */
    private static long assertRefused(Map<String, Object> answer, String reason, long periodSeconds) {
        assertThat(answer).containsEntry("status_code", 1008).doesNotContainKey("path");
        String message = (String) answer.get("status_msg");
        assertThat(message).startsWith(reason + "; try again in ");
        Matcher wait = RETRY.matcher(message);
        assertThat(wait.find()).as(message).isTrue();
        long seconds = Long.parseLong(wait.group(1));
        assertThat(seconds).isBetween(1L, periodSeconds);
        return seconds;
    }

    private static void assertKeepsLoginFields(Map<String, Object> answer) {
        assertThat(answer).containsEntry("user_id", 0).containsEntry("token", "");
    }

    private long keysInRedis() {
        return redis.execute(connection -> connection.serverCommands().dbSize()).blockLast();
    }

    @Test
    void loginPerAccountRefusesFromAnyAddressAndSparesOtherAccounts() {
        limit("login-per-account", 1, "60s", 3);
        for (int i = 0; i < 3; i++) {
            assertPassed(login("alice", address()));
        }
        EntityExchangeResult<Map<String, Object>> refused =
                post("/douyin/user/login/?username=alice&password=wrong", address());
        long seconds = assertRefused(refused.getResponseBody(), "too many login attempts for this account", 60);
        assertKeepsLoginFields(refused.getResponseBody());
        assertThat(refused.getResponseHeaders().getFirst("Retry-After")).isEqualTo(Long.toString(seconds));

        // the account, as the accounts table compares usernames
        assertRefused(login("ALICE", address()), "too many login attempts for this account", 60);
        assertRefused(login("%C3%A0lice", address()), "too many login attempts for this account", 60);
        assertPassed(login("bob", address()));
    }

    @Test
    void loginUsernameInAFormBodyCountsForItsAccountAndStillReachesTheService() {
        limit("login-per-account", 1, "60s", 1);
        Map<String, Object> passed = client.post().uri("/douyin/user/login/")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).bodyValue("username=carol&password=wrong")
                .exchange().expectBody(JSON).returnResult().getResponseBody();
        assertPassed(passed);
        assertThat(passed).containsEntry("body", "username=carol&password=wrong");
        assertRefused(login("carol", address()), "too many login attempts for this account", 60);
    }

    @Test
    void loginPerAddressRefusesThatAddressWhateverTheUsernameAndSparesOthers() {
        limit("login-per-address", 1, "60s", 3);
        String guesser = address();
        for (int i = 0; i < 3; i++) {
            assertPassed(login("user" + i, guesser));
        }
        Map<String, Object> refused = login("user3", guesser);
        assertRefused(refused, "too many login attempts from this address", 60);
        assertKeepsLoginFields(refused);
        assertPassed(login("user3", address()));
    }

    @Test
    void forwardedForIsIgnoredUnlessAProxyOfOursIsTrusted() {
        configure("trusted-proxies", "0");
        limit("login-per-address", 1, "60s", 2);
        assertPassed(login("dave", address()));
        assertPassed(login("dave", address()));
        // a rotating X-Forwarded-For does not make a new client: the TCP peer is the same
        assertRefused(login("dave", address()), "too many login attempts from this address", 60);
    }

    @Test
    void registerPerAddressRefusesThatAddressAndSparesOthers() {
        limit("register-per-address", 1, "60s", 2);
        String address = address();
        assertPassed(register("erin1", address));
        assertPassed(register("erin2", address));
        Map<String, Object> refused = register("erin3", address);
        assertRefused(refused, "too many registrations from this address", 60);
        assertKeepsLoginFields(refused);
        assertPassed(register("erin3", address()));
    }

    @Test
    void anIpv6ClientIsCountedByItsSlash64() {
        limit("register-per-address", 1, "60s", 2);
        assertPassed(register("kim1", "2001:db8:1:2::1"));
        assertPassed(register("kim2", "2001:db8:1:2:ffff:ffff:ffff:fffe"));
        assertRefused(register("kim3", "2001:db8:1:2::3"), "too many registrations from this address", 60);
        assertPassed(register("kim3", "2001:db8:1:3::1"));
    }

    @Test
    void writesAreCountedPerUserAndActionAndPassAgainAfterTheWaitTheyWereTold() throws InterruptedException {
        limit("write-per-user", 1, "5s", 2);
        assertPassed(write("favorite", 1));
        assertPassed(write("favorite", 1));
        Map<String, Object> refused = write("favorite", 1);
        long seconds = assertRefused(refused, "too many favorite actions", 5);
        assertThat(refused).containsOnlyKeys("status_code", "status_msg");

        assertPassed(write("favorite", 2));
        assertPassed(write("comment", 1));

        Thread.sleep(seconds * 1000);
        assertPassed(write("favorite", 1));
    }

    @Test
    void anEncodedOrParameterisedPathIsTheSameEndpoint() {
        limit("login-per-account", 1, "60s", 2);
        assertPassed(login("frank", address()));
        assertPassed(post("/douyin/user/%6Cogin/?username=frank&password=x", address()).getResponseBody());
        assertRefused(post("/douyin/user/login;v=1/?username=frank&password=x", address()).getResponseBody(),
                "too many login attempts for this account", 60);
    }

    @Test
    void aPersonUsingTheAppAtTheDefaultLimitsIsNeverRefused() throws InterruptedException {
        String phone = address();
        // registers, mistypes the password twice, logs in
        assertPassed(register("grace", phone));
        for (int i = 0; i < 3; i++) {
            assertPassed(login("grace", phone));
        }
        // scrolls the feed and likes every video on the way: a burst, then one a second
        for (int i = 0; i < 20; i++) {
            assertPassed(write("favorite", 1));
        }
        for (int i = 0; i < 5; i++) {
            Thread.sleep(1000);
            assertPassed(write("favorite", 1));
            assertPassed(write("comment", 1));
        }
    }

    @Test
    void readsNeverAskRedis() {
        for (int i = 0; i < 30; i++) {
            client.get().uri("/douyin/feed/").exchange().expectBody(JSON).returnResult();
            client.get().uri("/douyin/comment/list/?video_id=1&token=" + jwt.issue(1)).exchange()
                    .expectBody(JSON).returnResult();
        }
        assertThat(keysInRedis()).isZero();
        assertPassed(write("favorite", 1));
        assertThat(keysInRedis()).isEqualTo(2); // the bucket's tokens and timestamp
    }

    @Test
    void theSwitchTurnsThrottlingOffWithoutARestart() {
        configure("enabled", "false");
        limit("login-per-account", 1, "60s", 1);
        for (int i = 0; i < 5; i++) {
            assertPassed(login("heidi", address()));
        }
        assertThat(keysInRedis()).isZero();

        configure("enabled", "true");
        assertPassed(login("heidi", address()));
        assertRefused(login("heidi", address()), "too many login attempts for this account", 60);
    }

    @Test
    void aChangedLimitAppliesToTheNextRequestWithoutARestart() {
        for (int i = 0; i < 5; i++) {
            assertPassed(login("ivan", address()));
        }
        limit("login-per-account", 1, "60s", 1);
        assertPassed(login("judy", address()));
        assertRefused(login("judy", address()), "too many login attempts for this account", 60);
    }
}
