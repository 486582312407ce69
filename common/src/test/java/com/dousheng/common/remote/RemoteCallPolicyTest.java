package com.dousheng.common.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.dousheng.common.web.ErrorCode;
import com.dousheng.common.web.FailureTranslator;
import com.dousheng.common.web.RemoteCallFailures;
import com.sun.net.httpserver.HttpServer;
import feign.Client;
import feign.hc5.ApacheHttp5Client;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.io.HttpClientConnectionManager;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.cloud.openfeign.loadbalancer.RetryableFeignBlockingLoadBalancerClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

/**
 * The internal-call policy of dousheng-service-defaults.yml, as a service gets it: real Feign clients over the pooled
 * HttpClient 5, Spring Cloud LoadBalancer with its retry, a Resilience4j breaker per callee, against small HTTP
 * servers registered as the callees' instances in the simple discovery client. Timeouts, breaker thresholds and the
 * retry rules are the file's defaults, except the breaker's open state, shortened so that the test sees it end.
 */
@SpringBootTest(classes = RemoteCallPolicyTest.App.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
                "spring.config.import=classpath:dousheng-service-defaults.yml",
                "spring.application.name=remote-call-test",
                "dousheng.db-name=unused",
                "dousheng.jwt.secret=remote-call-test-secret-0123456789abcdef0123456789",
                "spring.cloud.discovery.enabled=true",
                "resilience4j.circuitbreaker.configs.default.wait-duration-in-open-state=1s"})
@ActiveProfiles("it")
class RemoteCallPolicyTest {
    private static final List<Leaf> LEAVES = new ArrayList<>();
    private static final Leaf SLOW_A = leaf();
    private static final Leaf SLOW_B = leaf();
    private static final Leaf FAILING = leaf();
    private static final Leaf REJECTING = leaf();
    private static final Leaf SURVIVOR = leaf();
    private static final Leaf STOPPING = leaf();
    private static final Leaf STOPPING_PEER = leaf();
    private static final int REFUSING_PORT = freePort();

    /** An internal API as the ones in common's api package: a batch read mapped as POST. */
    interface Internal {
        @PostMapping("/internal/leaf/batch")
        String batch(@RequestBody String ids);
    }

    @FeignClient(name = "slow-service", contextId = "slowService")
    interface SlowService extends Internal {
    }

    @FeignClient(name = "failing-service", contextId = "failingService")
    interface FailingService extends Internal {
    }

    @FeignClient(name = "rejecting-service", contextId = "rejectingService")
    interface RejectingService extends Internal {
    }

    @FeignClient(name = "half-dead-service", contextId = "halfDeadService")
    interface HalfDeadService extends Internal {
    }

    @FeignClient(name = "stopping-service", contextId = "stoppingService")
    interface StoppingService extends Internal {
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @EnableFeignClients(clients = {SlowService.class, FailingService.class, RejectingService.class,
            HalfDeadService.class, StoppingService.class})
    static class App {
    }

    @DynamicPropertySource
    static void instances(DynamicPropertyRegistry registry) {
        register(registry, "slow-service", SLOW_A.uri(), SLOW_B.uri());
        register(registry, "failing-service", FAILING.uri());
        register(registry, "rejecting-service", REJECTING.uri());
        // nothing listens on the first one: connections to it are refused
        register(registry, "half-dead-service", "http://127.0.0.1:" + REFUSING_PORT, SURVIVOR.uri());
        register(registry, "stopping-service", STOPPING.uri(), STOPPING_PEER.uri());
    }

    @AfterAll
    static void stopServers() {
        LEAVES.forEach(Leaf::stop);
    }

    @Autowired
    SlowService slow;
    @Autowired
    FailingService failing;
    @Autowired
    RejectingService rejecting;
    @Autowired
    HalfDeadService halfDead;
    @Autowired
    StoppingService stopping;
    @Autowired
    CircuitBreakerRegistry breakers;
    @Autowired
    Client feignClient;
    @Autowired
    HttpClientConnectionManager connectionManager;

    @Test
    void feignRunsOverThePooledHttpClient() {
        assertThat(feignClient).isInstanceOf(RetryableFeignBlockingLoadBalancerClient.class);
        assertThat(((RetryableFeignBlockingLoadBalancerClient) feignClient).getDelegate())
                .isInstanceOf(ApacheHttp5Client.class);
        PoolingHttpClientConnectionManager pool = (PoolingHttpClientConnectionManager) connectionManager;
        assertThat(pool.getDefaultMaxPerRoute()).isEqualTo(256);
        assertThat(pool.getMaxTotal()).isEqualTo(1024);
    }

    @Test
    void aSlowLeafMeetsTheReadTimeoutOnceAndIsNotRetried() {
        SLOW_A.answer(200, Duration.ofSeconds(3));
        SLOW_B.answer(200, Duration.ofSeconds(3));

        long start = System.nanoTime();
        Throwable failure = catchThrowable(() -> slow.batch("[1,2,3]"));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        // the leaf answers after 3 s: a failure at all means the read timeout is shorter than that
        assertThat(failure).isNotNull();
        assertThat(causes(failure)).anyMatch(SocketTimeoutException.class::isInstance);
        assertThat(SLOW_A.requests() + SLOW_B.requests()).as("requests that reached either instance").isEqualTo(1);
        // generous (the old policy waited 5 s, then 5 s more on the other instance); the count above is the proof
        assertThat(took).as("one short read timeout").isLessThan(Duration.ofSeconds(5));
        assertPublicRequestsSeeServiceUnavailable(failure);
    }

    @Test
    void repeatedFailuresOpenTheCalleesBreakerWhichThenFailsFastUntilTheCalleeRecovers() {
        FAILING.answer(500, Duration.ZERO);
        int calls = 0;
        Throwable failure = null;
        while (calls < 100 && (failure == null || !isBreakerRefusal(failure))) {
            failure = catchThrowable(() -> failing.batch("[1]"));
            assertThat(failure).as("call %d", calls).isNotNull();
            calls++;
        }
        CircuitBreaker breaker = breakers.circuitBreaker("failing-service");
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
        int minimumCalls = breaker.getCircuitBreakerConfig().getMinimumNumberOfCalls();
        assertThat(calls).as("calls until the breaker refused").isEqualTo(minimumCalls + 1);
        assertThat(FAILING.requests()).as("500 is not retried; the refused call never left").isEqualTo(minimumCalls);
        assertPublicRequestsSeeServiceUnavailable(failure);

        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> failing.batch("[1]")).satisfies(e -> assertThat(isBreakerRefusal(e)).isTrue());
        }
        assertThat(FAILING.requests()).as("requests while open").isEqualTo(minimumCalls);

        // the callee recovers; once the open state has passed, the half-open probes succeed and close the breaker
        FAILING.answer(200, Duration.ZERO);
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .ignoreExceptions().until(() -> "ok".equals(failing.batch("[1]")));
        int probes = breaker.getCircuitBreakerConfig().getPermittedNumberOfCallsInHalfOpenState();
        for (int i = 1; i < probes; i++) {
            assertThat(failing.batch("[1]")).isEqualTo("ok");
        }
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void answersOfTheCallersOwnMistakesDoNotOpenTheBreaker() {
        REJECTING.answer(404, Duration.ZERO);
        for (int i = 0; i < 30; i++) {
            Throwable failure = catchThrowable(() -> rejecting.batch("[1]"));
            assertThat(failure).isNotNull();
            assertThat(isBreakerRefusal(failure)).as("call %d refused by the breaker", i).isFalse();
        }
        assertThat(REJECTING.requests()).isEqualTo(30);
        assertThat(breakers.circuitBreaker("rejecting-service").getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void aRefusedConnectionIsRetriedOnTheOtherInstance() {
        SURVIVOR.answer(200, Duration.ZERO);
        for (int i = 0; i < 10; i++) {
            assertThat(halfDead.batch("[1]")).as("call %d", i).isEqualTo("ok");
        }
        assertThat(SURVIVOR.requests()).isEqualTo(10);
        // the balancer alternates: the pooled connections to the survivor were reused
        assertThat(SURVIVOR.clientPorts()).hasSizeLessThanOrEqualTo(2);
    }

    @Test
    void anInstanceAnswering503IsSkippedForTheOther() {
        STOPPING.answer(503, Duration.ZERO);
        STOPPING_PEER.answer(200, Duration.ZERO);
        for (int i = 0; i < 6; i++) {
            assertThat(stopping.batch("[1]")).as("call %d", i).isEqualTo("ok");
        }
        assertThat(STOPPING_PEER.requests()).isEqualTo(6);
        assertThat(STOPPING.requests()).as("calls that went to the 503 instance first").isPositive();
    }

    // ---------------------------------------------------------------------------------------------- helpers

    private static void assertPublicRequestsSeeServiceUnavailable(Throwable failure) {
        assertThat(RemoteCallFailures.isRemoteFailure(failure)).as("a remote failure: %s", failure).isTrue();
        assertThat(FailureTranslator.translate(failure, "GET", "/douyin/feed/").code())
                .isEqualTo(ErrorCode.SERVICE_UNAVAILABLE);
    }

    private static boolean isBreakerRefusal(Throwable e) {
        return causes(e).stream().anyMatch(CallNotPermittedException.class::isInstance);
    }

    private static List<Throwable> causes(Throwable e) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = e; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }

    private static void register(DynamicPropertyRegistry registry, String service, String... uris) {
        for (int i = 0; i < uris.length; i++) {
            String uri = uris[i];
            registry.add("spring.cloud.discovery.client.simple.instances." + service + "[" + i + "].uri", () -> uri);
        }
    }

    private static Leaf leaf() {
        Leaf leaf = new Leaf();
        LEAVES.add(leaf);
        return leaf;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A callee instance: answers every request with a status after a delay, and counts what reached it. */
    static final class Leaf {
        private record Behaviour(int status, Duration delay) {
        }

        private final AtomicReference<Behaviour> behaviour = new AtomicReference<>(new Behaviour(200, Duration.ZERO));
        private final AtomicInteger requests = new AtomicInteger();
        private final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
        private final ExecutorService threads = Executors.newCachedThreadPool();
        private final HttpServer server;

        Leaf() {
            try {
                server = HttpServer.create(new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 50);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            server.setExecutor(threads);
            server.createContext("/", exchange -> {
                requests.incrementAndGet();
                clientPorts.add(exchange.getRemoteAddress().getPort());
                exchange.getRequestBody().readAllBytes();
                Behaviour now = behaviour.get();
                try {
                    Thread.sleep(now.delay().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    exchange.close();
                    return;
                }
                byte[] body = (now.status() == 200 ? "ok" : "failed").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/plain;charset=UTF-8");
                exchange.sendResponseHeaders(now.status(), body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
        }

        void answer(int status, Duration delay) {
            behaviour.set(new Behaviour(status, delay));
        }

        int requests() {
            return requests.get();
        }

        Set<Integer> clientPorts() {
            return clientPorts;
        }

        String uri() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        void stop() {
            server.stop(0);
            threads.shutdownNow();
        }
    }
}
