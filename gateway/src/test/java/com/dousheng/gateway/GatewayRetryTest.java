package com.dousheng.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.dousheng.common.auth.JwtProperties;
import com.dousheng.common.auth.JwtService;
import com.dousheng.gateway.routing.UnreachableInstances;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two instances behind a route, one of them broken in a different way per service: reads must reach the good
 * one on a retry, writes must be sent exactly once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("it")
class GatewayRetryTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int ROUNDS = 8;

    private static StubServices healthy;
    private static ConnectionDropper dropper;
    private static HttpServer failing;
    private static final AtomicInteger failingHits = new AtomicInteger();
    private static int refusingPort;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) throws IOException {
        registry.add("spring.cloud.discovery.enabled", () -> "true");
        healthy = new StubServices();
        dropper = new ConnectionDropper();
        failing = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        failing.createContext("/", exchange -> {
            failingHits.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        failing.start();
        try (ServerSocket socket = new ServerSocket(0)) {
            refusingPort = socket.getLocalPort();
        }
        String good = "http://127.0.0.1:" + healthy.port();
        for (String service : new String[] {"user-service", "video-service", "interaction-service",
                "relation-service", "message-service"}) {
            registry.add("spring.cloud.discovery.client.simple.instances." + service + "[0].uri", () -> good);
        }
        // an instance killed while requests reach it: it takes the request and closes the connection unanswered
        registry.add("spring.cloud.discovery.client.simple.instances.interaction-service[1].uri",
                () -> "http://127.0.0.1:" + dropper.port());
        // an instance that is gone: nothing listens
        registry.add("spring.cloud.discovery.client.simple.instances.relation-service[1].uri",
                () -> "http://127.0.0.1:" + refusingPort);
        // an instance that is shutting down or broken: 503
        registry.add("spring.cloud.discovery.client.simple.instances.video-service[1].uri",
                () -> "http://127.0.0.1:" + failing.getAddress().getPort());
    }

    @AfterAll
    static void stopStubs() throws IOException {
        healthy.stop();
        dropper.close();
        failing.stop(0);
    }

    @LocalServerPort
    int port;
    @Autowired
    JwtProperties jwtProperties;
    @Autowired
    UnreachableInstances unreachableInstances;

    WebTestClient client;
    String token;

    @BeforeEach
    void setUp() {
        client = WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(20)).build();
        token = new JwtService(new JwtProperties(jwtProperties.secret(), Duration.ofHours(1))).issue(1);
        // each test starts with both instances in rotation
        unreachableInstances.forgetAll();
    }

    private JsonNode answer(WebTestClient.RequestHeadersSpec<?> request) {
        byte[] body = request.exchange().expectBody().returnResult().getResponseBody();
        return JSON.readTree(body);
    }

    @Test
    void readsDroppedMidRequestAreAnsweredByTheOtherInstance() {
        int droppedBefore = dropper.requests("GET").size();
        for (int i = 0; i < ROUNDS; i++) {
            JsonNode comments = answer(client.get().uri("/douyin/comment/list/?video_id=1"));
            assertThat(comments.get("status_code").asInt()).as("read %d", i).isZero();
            assertThat(comments.get("path").asString()).isEqualTo("/douyin/comment/list/");
        }
        assertThat(dropper.requests("GET").size()).as("reads the dropping instance took").isGreaterThan(droppedBefore);
    }

    @Test
    void anInstanceThatDroppedAConnectionIsNotChosenAgainDuringThePause() {
        int droppedBefore = dropper.requests("GET").size();
        for (int i = 0; i < 3 * ROUNDS; i++) {
            JsonNode comments = answer(client.get().uri("/douyin/comment/list/?video_id=1"));
            assertThat(comments.get("status_code").asInt()).as("read %d", i).isZero();
        }
        // round robin reaches it within the first two reads; without the pause it would take every other one
        assertThat(dropper.requests("GET").size() - droppedBefore).isEqualTo(1);

        unreachableInstances.forgetAll();
        for (int i = 0; i < 2; i++) {
            answer(client.get().uri("/douyin/comment/list/?video_id=1"));
        }
        assertThat(dropper.requests("GET").size() - droppedBefore).as("tried again once the pause is over")
                .isEqualTo(2);
    }

    @Test
    void readsRefusedByAStoppedInstanceAreAnsweredByTheOtherInstance() {
        for (int i = 0; i < ROUNDS; i++) {
            JsonNode follows = answer(client.get().uri("/douyin/relation/follow/list/?user_id=1&token=" + token));
            assertThat(follows.get("status_code").asInt()).as("read %d", i).isZero();
            assertThat(follows.get("user_id").asString()).isEqualTo("1");
        }
    }

    @Test
    void readsAnswered5xxAreRepeatedOnTheOtherInstance() {
        int failedBefore = failingHits.get();
        for (int i = 0; i < ROUNDS; i++) {
            JsonNode feed = answer(client.get().uri("/douyin/feed/"));
            assertThat(feed.get("status_code").asInt()).as("read %d", i).isZero();
        }
        assertThat(failingHits.get()).as("reads the failing instance took").isGreaterThan(failedBefore);
    }

    @Test
    void writesAreSentOnceAndAFailedOneIsNotRepeated() {
        int droppedBefore = dropper.requests("POST").size();
        int failed = 0;
        for (int i = 0; i < ROUNDS; i++) {
            JsonNode posted = answer(client.post()
                    .uri("/douyin/comment/action/?video_id=1&action_type=1&comment_text=c" + i + "&token=" + token));
            int code = posted.get("status_code").asInt();
            if (code != 0) {
                // a service that dropped the connection is unavailable, not an internal error of ours
                assertThat(code).as("write %d", i).isEqualTo(9001);
                failed++;
            }
        }
        List<String> dropped = dropper.requests("POST").subList(droppedBefore, dropper.requests("POST").size());
        // round robin reaches the dropping instance within the first two writes, which is not resent and fails;
        // after that the instance is skipped, so every later write reaches the healthy one
        assertThat(failed).isEqualTo(1);
        assertThat(dropped).hasSize(1);
    }

    /** Accepts a connection, reads the request head, records its request line and closes without an answer. */
    static final class ConnectionDropper implements AutoCloseable {
        private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final List<String> requestLines = new CopyOnWriteArrayList<>();

        ConnectionDropper() throws IOException {
            Thread acceptor = new Thread(this::acceptLoop, "connection-dropper");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return server.getLocalPort();
        }

        List<String> requests(String method) {
            return requestLines.stream().filter(line -> line.startsWith(method + " ")).toList();
        }

        private void acceptLoop() {
            while (!server.isClosed()) {
                try (Socket socket = server.accept()) {
                    String head = readHead(socket.getInputStream());
                    int lineEnd = head.indexOf('\r');
                    if (lineEnd > 0) {
                        requestLines.add(head.substring(0, lineEnd));
                    }
                } catch (IOException e) {
                    // closed by close(), or the gateway gave up first: either way nothing to record
                }
            }
        }

        private static String readHead(InputStream in) throws IOException {
            StringBuilder head = new StringBuilder();
            int b;
            while ((b = in.read()) >= 0) {
                head.append((char) b);
                if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                    break;
                }
            }
            return head.toString();
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
