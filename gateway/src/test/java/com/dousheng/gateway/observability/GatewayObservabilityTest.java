package com.dousheng.gateway.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.dousheng.common.auth.JwtProperties;
import com.dousheng.common.auth.JwtService;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Trace ids, the access log and the endpoint tags of the real gateway in front of a service that records headers. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("it")
@ExtendWith(OutputCaptureExtension.class)
class GatewayObservabilityTest {
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CALLER_TRACEPARENT = "00-" + TRACE_ID + "-00f067aa0ba902b7-01";
    /** traceparent headers that reached the service, by path */
    private static final Map<String, String> received = new ConcurrentHashMap<>();
    private static HttpServer service;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) throws IOException {
        service = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        service.createContext("/", GatewayObservabilityTest::serve);
        service.start();
        registry.add("spring.cloud.discovery.enabled", () -> "true");
        for (String name : List.of("user-service", "video-service")) {
            registry.add("spring.cloud.discovery.client.simple.instances." + name + "[0].uri",
                    () -> "http://127.0.0.1:" + service.getAddress().getPort());
        }
    }

    private static void serve(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        String path = exchange.getRequestURI().getPath();
        String traceparent = exchange.getRequestHeaders().getFirst("traceparent");
        received.put(path, traceparent == null ? "" : traceparent);
        byte[] body = (path.startsWith("/internal/") ? "[7,8]" : "{\"status_code\":0}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @AfterAll
    static void stop() {
        service.stop(0);
    }

    @LocalServerPort
    int port;
    @LocalManagementPort
    int managementPort;
    @Autowired
    JwtProperties jwtProperties;
    @Autowired
    MeterRegistry meters;

    WebTestClient client;

    @BeforeEach
    void setUp() {
        client = WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
        received.clear();
    }

    @Test
    void callersTraceIdReachesTheServiceTheClientAndTheAccessLog(CapturedOutput output) {
        String token = new JwtService(new JwtProperties(jwtProperties.secret(), Duration.ofHours(1))).issue(7);
        EntityExchangeResult<byte[]> result = client.get().uri("/douyin/feed?token=" + token)
                .header("traceparent", CALLER_TRACEPARENT)
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(TraceIdResponseFilter.HEADER, TRACE_ID)
                .expectBody().returnResult();
        assertThat(result.getResponseBody()).isNotEmpty();

        // the proxied call and the gateway's own user lookup both continue the caller's trace, each in its own span
        assertThat(received.get("/douyin/feed/")).startsWith("00-" + TRACE_ID + "-").doesNotContain("00f067aa0ba902b7");
        assertThat(received.get("/internal/users/existing")).startsWith("00-" + TRACE_ID + "-");

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(output.getOut())
                .containsPattern("\\[" + TRACE_ID + ",[0-9a-f]{16}] dousheng\\.access +: method=GET "
                        + "path=/douyin/feed status=200 latency_ms=\\d+ user=7 trace=" + TRACE_ID
                        + " upstream=127\\.0\\.0\\.1:" + service.getAddress().getPort()));
        assertThat(output.getOut()).doesNotContain(token);
    }

    @Test
    void withoutATraceparentTheGatewayStartsATraceAndAnonymousRequestsLogNoUser(CapturedOutput output) {
        String traceId = client.get().uri("/douyin/feed/").exchange()
                .expectStatus().isOk()
                .returnResult(byte[].class).getResponseHeaders().getFirst(TraceIdResponseFilter.HEADER);
        assertThat(traceId).matches("[0-9a-f]{32}");
        assertThat(received.get("/douyin/feed/")).startsWith("00-" + traceId + "-");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(output.getOut())
                .contains("method=GET path=/douyin/feed/ status=200").contains("user=- trace=" + traceId));
    }

    @Test
    void healthChecksAndScrapesOnTheManagementPortAreNotLogged(CapturedOutput output) {
        WebTestClient.bindToServer().baseUrl("http://localhost:" + managementPort).build()
                .get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
        String traceId = client.get().uri("/douyin/feed/").exchange()
                .returnResult(byte[].class).getResponseHeaders().getFirst(TraceIdResponseFilter.HEADER);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(output.getOut())
                .contains("trace=" + traceId));
        assertThat(output.getOut()).doesNotContain("path=/actuator");
    }

    @Test
    void failuresAtTheGatewayAreLoggedWithTheStatusTheClientGot(CapturedOutput output) {
        String traceId = client.get().uri("/internal/users/existing").exchange()
                .expectStatus().isNotFound()
                .returnResult(byte[].class).getResponseHeaders().getFirst(TraceIdResponseFilter.HEADER);
        assertThat(traceId).matches("[0-9a-f]{32}");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(output.getOut())
                .contains("method=GET path=/internal/users/existing status=404 latency_ms=")
                .contains("user=- trace=" + traceId + " upstream=-"));
    }

    @Test
    void theGatewaysOwnWarningsAboutARequestCarryItsTraceId(CapturedOutput output) {
        // no instance of interaction-service is known: the error handler warns, on whatever thread Reactor is on
        String traceId = client.get().uri("/douyin/comment/list/?video_id=1").exchange()
                .returnResult(byte[].class).getResponseHeaders().getFirst(TraceIdResponseFilter.HEADER);
        assertThat(traceId).matches("[0-9a-f]{32}");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(output.getOut())
                .containsPattern("\\[" + traceId + ",[0-9a-f]{16}] .*GatewayErrorHandler +: no instance for "
                        + "/douyin/comment/list/"));
    }

    @Test
    void requestMetricsAreTaggedByEndpointWithMediaAsOneSeries() {
        client.get().uri("/douyin/feed").exchange().expectStatus().isOk();
        client.get().uri("/static/videos/1.mp4").exchange().expectStatus().isOk();
        client.get().uri("/static/covers/2.jpg").exchange().expectStatus().isOk();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(meters.find("http.server.requests").tag("uri", "/douyin/feed/").timer()).isNotNull();
            assertThat(meters.find("http.server.requests").tag("uri", EndpointUriConvention.MEDIA).timer())
                    .isNotNull().extracting(timer -> timer.count()).isEqualTo(2L);
        });
        assertThat(meters.find("http.server.requests").timers())
                .allSatisfy(timer -> assertThat(timer.getId().getTag("uri")).doesNotStartWith("/static/videos"));
        assertThat(meters.find(GatewayObservationConfiguration.PROXY_REQUESTS)
                .tag("spring.cloud.gateway.route.id", "video-service").timer()).isNotNull();
    }

    @Test
    void theGatewaysOwnRefusalsAreTaggedWithAnExceptionAndProxiedAnswersAreNot() {
        client.get().uri("/douyin/relation/friend/list/?user_id=1").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.status_code").isEqualTo(2001);
        client.get().uri("/douyin/feed/").exchange().expectStatus().isOk();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(meters.find("http.server.requests").tags("uri", "/douyin/relation/friend/list/",
                    "exception", "BizException").timer()).isNotNull();
            assertThat(meters.find("http.server.requests").tags("uri", "/douyin/feed/", "exception", "none")
                    .timer()).isNotNull();
        });
        assertThat(meters.find("http.server.requests").tags("uri", "/douyin/relation/friend/list/",
                "exception", "none").timer()).isNull();
        assertThat(meters.find("http.server.requests").tags("uri", "/douyin/feed/", "exception", "BizException")
                .timer()).isNull();
    }

    @Test
    void theGatewaysOwnUserLookupIsTimedLikeTheServicesInternalCalls() {
        String token = new JwtService(new JwtProperties(jwtProperties.secret(), Duration.ofHours(1))).issue(8);
        client.get().uri("/douyin/feed/?token=" + token).exchange().expectStatus().isOk();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(meters.find("http.client.requests")
                .tags("client.name", "user-service", "method", "POST", "status", "200").timer()).isNotNull());
    }
}
