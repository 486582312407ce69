package com.dousheng.gateway.upload;

import static org.assertj.core.api.Assertions.assertThat;

import com.dousheng.gateway.routing.UnreachableInstances;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two video-service instances behind the gateway and an upload limit of 64 KB: an upload over it answers 1006
 * in the envelope, whether it declares its length or streams chunks, and both instances stay in rotation.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "dousheng.upload.max-size=64KB")
@ActiveProfiles("it")
class UploadSizeLimitTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int LIMIT = 64 * 1024;
    private static final int CHUNK = 8 * 1024;
    /** Far more than socket buffers hold, so that a service that stops reading is felt by the sender. */
    private static final int OVERSIZED = 16 * 1024 * 1024;

    private static final List<CountingService> videoInstances = List.of(new CountingService(), new CountingService());

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("spring.cloud.discovery.enabled", () -> "true");
        for (int i = 0; i < videoInstances.size(); i++) {
            String uri = "http://127.0.0.1:" + videoInstances.get(i).port();
            registry.add("spring.cloud.discovery.client.simple.instances.video-service[" + i + "].uri", () -> uri);
        }
    }

    @AfterAll
    static void stopStubs() {
        videoInstances.forEach(CountingService::stop);
    }

    @LocalServerPort
    int port;
    @Autowired
    UnreachableInstances unreachableInstances;

    WebTestClient client;

    @BeforeEach
    void setUp() {
        client = WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(20)).build();
        unreachableInstances.forgetAll();
    }

    private JsonNode answer(WebTestClient.RequestHeadersSpec<?> request) {
        return JSON.readTree(request.exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody());
    }

    private int publishesReceived() {
        return videoInstances.stream().mapToInt(s -> s.hits("/douyin/publish/action/")).sum();
    }

    private static Flux<DataBuffer> chunks(int count, int size) {
        byte[] chunk = new byte[size];
        return Flux.range(0, count).map(i -> DefaultDataBufferFactory.sharedInstance.wrap(chunk.clone()));
    }

    @Test
    void aDeclaredLengthOverTheLimitIsRefusedWithoutReachingAService() {
        int before = publishesReceived();
        JsonNode refused = answer(client.post().uri("/douyin/publish/action/")
                .contentType(MediaType.APPLICATION_OCTET_STREAM).bodyValue(new byte[OVERSIZED]));
        assertThat(refused.get("status_code").asInt()).isEqualTo(1006);
        assertThat(refused.get("status_msg").asString()).isEqualTo("the video is larger than the 64 KB limit");
        assertThat(publishesReceived()).isEqualTo(before);
        bothInstancesStillServe();
    }

    @Test
    void aClientWaitingFor100ContinueGetsTheRefusalWithoutSendingItsBody() throws IOException {
        int before = publishesReceived();
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(("POST /douyin/publish/action/ HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/octet-stream\r\nContent-Length: " + OVERSIZED + "\r\n"
                    + "Expect: 100-continue\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            // no body follows: the answer must come anyway, and the connection end after it
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 200").doesNotContain("100 Continue")
                    .contains("\"status_code\":1006").contains("the video is larger than the 64 KB limit");
        }
        assertThat(publishesReceived()).isEqualTo(before);
    }

    @Test
    void aStreamedBodyOverTheLimitIsCutAndAnswered1006() {
        JsonNode refused = answer(client.post().uri("/douyin/publish/action")
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .body(chunks(OVERSIZED / CHUNK, CHUNK), DataBuffer.class));
        assertThat(refused.get("status_code").asInt()).isEqualTo(1006);
        assertThat(refused.get("status_msg").asString()).isEqualTo("the video is larger than the 64 KB limit");
        bothInstancesStillServe();
    }

    @Test
    void uploadsWithinTheLimitReachTheServiceWhole() {
        JsonNode declared = answer(client.post().uri("/douyin/publish/action/")
                .contentType(MediaType.APPLICATION_OCTET_STREAM).bodyValue(new byte[LIMIT]));
        assertThat(declared.get("status_code").asInt()).isZero();
        assertThat(declared.get("received").asLong()).isEqualTo(LIMIT);
        JsonNode streamed = answer(client.post().uri("/douyin/publish/action/")
                .contentType(MediaType.APPLICATION_OCTET_STREAM).body(chunks(LIMIT / CHUNK, CHUNK), DataBuffer.class));
        assertThat(streamed.get("status_code").asInt()).isZero();
        assertThat(streamed.get("received").asLong()).isEqualTo(LIMIT);
    }

    @Test
    void otherRoutesAreNotLimited() {
        JsonNode feed = answer(client.post().uri("/douyin/feed/")
                .contentType(MediaType.APPLICATION_OCTET_STREAM).bodyValue(new byte[2 * LIMIT]));
        assertThat(feed.get("status_code").asInt()).isZero();
        assertThat(feed.get("received").asLong()).isEqualTo(2 * LIMIT);
    }

    /** Neither instance is skipped: the balancer sees both, and round robin reaches each of them. */
    private void bothInstancesStillServe() {
        List<ServiceInstance> instances = videoInstances.stream().map(s -> (ServiceInstance) new DefaultServiceInstance(
                "video-" + s.port(), "video-service", "127.0.0.1", s.port(), false)).toList();
        assertThat(unreachableInstances.reachable(instances)).containsExactlyElementsOf(instances);
        int[] before = videoInstances.stream().mapToInt(s -> s.hits("/douyin/feed/")).toArray();
        for (int i = 0; i < 4; i++) {
            assertThat(answer(client.get().uri("/douyin/feed/")).get("status_code").asInt()).isZero();
        }
        for (int i = 0; i < videoInstances.size(); i++) {
            assertThat(videoInstances.get(i).hits("/douyin/feed/")).as("feed reads at instance %d", i)
                    .isGreaterThan(before[i]);
        }
    }

    /**
     * A video-service instance counting requests by path. Publish answers 1006 as soon as more than the limit
     * arrived, without reading the rest; other paths read the whole body and answer how many bytes they got.
     */
    static final class CountingService {
        private final HttpServer server;
        private final ConcurrentHashMap<String, AtomicInteger> hits = new ConcurrentHashMap<>();

        CountingService() {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            server.createContext("/", exchange -> {
                hits.computeIfAbsent(exchange.getRequestURI().getPath(), p -> new AtomicInteger()).incrementAndGet();
                InputStream body = exchange.getRequestBody();
                long received;
                byte[] answer;
                if (!exchange.getRequestURI().getPath().equals("/douyin/publish/action/")) {
                    received = body.transferTo(OutputStream.nullOutputStream());
                    answer = ("{\"status_code\":0,\"received\":" + received + "}").getBytes(StandardCharsets.UTF_8);
                } else if ((received = body.readNBytes(LIMIT + 1).length) > LIMIT) {
                    // as video-service does: it answers once the limit is passed and leaves the rest unread, and
                    // the server closes the connection (the JDK server drains only 64 KB of what is left)
                    answer = "{\"status_code\":1006,\"status_msg\":\"answered by the service\"}"
                            .getBytes(StandardCharsets.UTF_8);
                } else {
                    answer = ("{\"status_code\":0,\"received\":" + received + "}").getBytes(StandardCharsets.UTF_8);
                }
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, answer.length);
                exchange.getResponseBody().write(answer);
                exchange.close();
            });
            server.start();
        }

        int port() {
            return server.getAddress().getPort();
        }

        int hits(String path) {
            AtomicInteger count = hits.get(path);
            return count == null ? 0 : count.get();
        }

        void stop() {
            server.stop(0);
        }
    }
}
