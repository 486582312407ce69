package com.dousheng.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * Fresh on every instance (issue 10, "Fresh"): with two instances of every service, each write the client can
 * make is followed at once by reads of every public view it changes, and every read must show it. Each view is
 * read twice in a row through the gateway, so that round robin sends it to both instances of the service
 * answering it (and those on to both instances of what they ask), then once on each instance directly, at the
 * address Nacos lists. A cache that only expires, or one that only the writing instance forgets, fails here.
 */
@ExtendWith(Suite.class)
class FreshnessE2ETest {
    private static final String TWO_OF_EACH = Suite.SERVICES.stream().map(s -> s + "=2")
            .collect(Collectors.joining(" "));
    private static final int IN_A_ROW = 2;
    /** Per service, the base URL of each instance, from Nacos. */
    private static final Map<String, List<String>> INSTANCES = new LinkedHashMap<>();

    @BeforeAll
    static void twoInstancesOfEveryService() throws Exception {
        long started = System.nanoTime();
        Suite.run("start", TWO_OF_EACH);
        for (String service : Suite.SERVICES) {
            List<String> urls = new ArrayList<>();
            for (JsonNode host : Nacos.instances(service)) {
                urls.add("http://" + host.path("ip").asString() + ":" + host.path("port").asInt());
            }
            assertThat(urls).as("instances of %s in Nacos", service).hasSize(2);
            INSTANCES.put(service, urls.stream().sorted().toList());
        }
        awaitGatewayRoutesToBothInstances();
        System.out.printf("[e2e] two instances of every service up and routed to in %d s: %s%n",
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started), INSTANCES);
    }

    @AfterAll
    static void backToOneInstanceEach() throws Exception {
        Suite.oneInstanceEach();
    }

    @Test
    void everyReadThatStartsAfterAWriteShowsItOnEveryInstance() {
        Ledger ledger = new Ledger();
        Views views = new Views(ledger);
        Map<String, List<String>> stale = new LinkedHashMap<>();
        long started = System.nanoTime();

        Api.Session a = ledger.register("fra");
        Api.Session b = ledger.register("frb");
        readEverything(views, a, "two users registered", stale);

        long videoOfA = ledger.publish(a, "fresh clip of " + a.name());
        readEverything(views, a, "A publishes a video", stale);
        long videoOfB = ledger.publish(b, "fresh clip of " + b.name());
        readEverything(views, b, "B publishes a video", stale);

        ledger.like(b, videoOfA);
        readEverything(views, b, "B likes A's video", stale);
        long commentOfB = ledger.comment(b, videoOfA, "fresh comment of " + b.name());
        readEverything(views, b, "B comments on A's video", stale);
        ledger.comment(a, videoOfA, "fresh reply of " + a.name());
        readEverything(views, a, "A comments on its own video", stale);

        ledger.follow(b, a);
        readEverything(views, b, "B follows A", stale);
        ledger.follow(a, b);
        readEverything(views, a, "A follows B back (friends)", stale);
        ledger.message(a, b, "fresh hello from " + a.name());
        readEverything(views, a, "A writes to B", stale);
        ledger.message(b, a, "fresh answer from " + b.name());
        readEverything(views, b, "B answers A", stale);

        ledger.like(a, videoOfB);
        readEverything(views, a, "A likes B's video", stale);
        ledger.unlike(b, videoOfA);
        readEverything(views, b, "B unlikes A's video", stale);
        ledger.deleteComment(b, commentOfB);
        readEverything(views, b, "B deletes its comment", stale);
        ledger.unfollow(b, a);
        readEverything(views, b, "B unfollows A", stale);

        System.out.printf("[e2e] freshness: %d steps read in %d s%n", stale.size(),
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
        reportInstances();
        List<String> all = new ArrayList<>();
        stale.forEach((step, lines) -> {
            System.out.printf("[e2e]   after %-30s %d stale or failed reads%n", step + ":", lines.size());
            lines.stream().limit(5).forEach(l -> System.out.println("[e2e]       " + l));
            lines.forEach(l -> all.add("after " + step + ": " + l));
        });
        assertThat(all).as("reads that did not show a write that had returned before they began").isEmpty();
    }

    /** Every view, as {@code viewer} (the writer: is_favorite and is_follow are theirs), through every path. */
    private static void readEverything(Views views, Api.Session viewer, String step, Map<String, List<String>> stale) {
        List<String> lines = new ArrayList<>();
        List<Views.Read> reads = views.all(viewer);
        for (Views.Read read : reads) {
            for (int i = 0; i < IN_A_ROW; i++) {
                lines.addAll(Views.verify(Suite.GATEWAY, read));
            }
        }
        for (Views.Read read : reads) {
            for (String instance : INSTANCES.get(read.service())) {
                lines.addAll(Views.verify(instance, read));
            }
        }
        stale.put(step, lines);
    }

    /** Reads through the gateway until every instance of every service has answered some: the balancer knows all. */
    private static void awaitGatewayRoutesToBothInstances() throws InterruptedException {
        Api.Session probe = Api.register("frp");
        Map<String, Views.Read> probes = Map.of(
                "user-service", read("/douyin/user/", Api.params("token", probe.token())),
                "video-service", read("/douyin/feed/", Map.of()),
                "interaction-service", read("/douyin/comment/list/", Api.params("video_id", 1)),
                "relation-service", read("/douyin/relation/follow/list/", Api.params("user_id", probe.userId())),
                "message-service", read("/douyin/message/chat/", Api.params("token", probe.token(),
                        "to_user_id", 1)));
        Map<String, long[]> before = new LinkedHashMap<>();
        for (String service : Suite.SERVICES) {
            before.put(service, new long[] {Metrics.publicRequests(Suite.managementPort(service, 1)),
                    Metrics.publicRequests(Suite.managementPort(service, 2))});
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        List<String> waiting = new ArrayList<>(Suite.SERVICES);
        while (!waiting.isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the gateway did not route to both instances of " + waiting + " in 60 s");
            }
            for (String service : waiting) {
                for (int i = 0; i < 4; i++) {
                    Views.fetch(Suite.GATEWAY, probes.get(service), java.time.Duration.ofSeconds(10));
                }
            }
            waiting.removeIf(service -> Metrics.publicRequests(Suite.managementPort(service, 1))
                    > before.get(service)[0]
                    && Metrics.publicRequests(Suite.managementPort(service, 2)) > before.get(service)[1]);
            if (!waiting.isEmpty()) {
                Thread.sleep(500);
            }
        }
    }

    private static Views.Read read(String path, Map<String, Object> query) {
        return new Views.Read(path, null, path, query, (answer, out) -> { });
    }

    private static void reportInstances() {
        for (String service : Suite.SERVICES) {
            StringBuilder line = new StringBuilder("[e2e]   " + service + ":");
            for (int n = 1; n <= 2; n++) {
                int port = Suite.managementPort(service, n);
                line.append(String.format(" #%d served %d public and %d internal requests;", n,
                        Metrics.publicRequests(port), Metrics.internalRequests(port)));
            }
            System.out.println(line);
        }
    }
}
