package com.dousheng.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * Several instances: a second video-service joins the suite, then one of the two is stopped (SIGTERM) or killed
 * (SIGKILL) while clients keep reading and writing through the gateway. Reads that reach video-service directly
 * (feed, publish list) or through Feign (favorite list) must keep succeeding, thanks to the gateway's and the
 * Feign clients' retries on the other instance; writes whose internal calls go to video-service (likes and
 * comments ask it for the video's author) must be stored exactly once when they answered status_code 0, and
 * must leave nothing behind when they failed.
 */
@ExtendWith(Suite.class)
class InstanceFailureE2ETest {
    private static final String SERVICE = "video-service";
    private static final int PORT = 8082;
    private static final int MANAGEMENT_PORT = 9082;
    private static final Duration WARM_UP = Duration.ofSeconds(5);
    private static final Duration LOAD_AFTER_STOP = Duration.ofSeconds(20);
    private static final int WORKERS = 3;
    private static final long PAUSE_MILLIS = 30;
    private static final int VIDEOS = 4;
    private static final int LIKERS = 20;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private enum Stop { SIGTERM, SIGKILL }

    @BeforeEach
    void twoVideoServices() throws Exception {
        Suite.run("start", "video-service=2");
        awaitBothInstancesServe();
    }

    /** The suite as Suite started it: instance 1 running again, instance 2 gone. */
    @AfterAll
    static void backToOneInstance() throws Exception {
        Suite.run("start", null);
        if (Files.exists(pidFile(2))) {
            ProcessHandle second = ProcessHandle.of(pidOf(2)).orElse(null);
            if (second != null) {
                second.destroy();
                second.onExit().get(60, TimeUnit.SECONDS);
            }
            Files.delete(pidFile(2));
        }
    }

    @Test
    void readsSurviveAndWritesStayExactWhenAnInstanceIsStopped() throws Exception {
        runScenario(Stop.SIGTERM);
    }

    @Test
    void readsSurviveAndWritesStayExactWhenAnInstanceIsKilled() throws Exception {
        runScenario(Stop.SIGKILL);
    }

    private void runScenario(Stop stop) throws Exception {
        Fixture fixture = Fixture.create(stop.name().toLowerCase());
        Load load = new Load(fixture);
        long degradedBefore = staleValuesServed();
        load.start();
        Thread.sleep(WARM_UP.toMillis());

        Counts firstBefore = Counts.of(MANAGEMENT_PORT);
        Counts secondBefore = Counts.of(MANAGEMENT_PORT + 100);
        ProcessHandle first = ProcessHandle.of(pidOf(1)).orElseThrow();
        long stoppedAt = System.nanoTime();
        load.markStop(stoppedAt);
        if (stop == Stop.SIGTERM) {
            first.destroy();
        } else {
            first.destroyForcibly();
        }
        long deregisteredMs = -1;
        long exitedMs = -1;
        long loadUntil = stoppedAt + LOAD_AFTER_STOP.toNanos();
        while (System.nanoTime() < loadUntil || exitedMs < 0 || deregisteredMs < 0) {
            long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stoppedAt);
            if (elapsed > 90_000) {
                throw new AssertionError(SERVICE + "#1 still running or registered 90 s after " + stop);
            }
            if (exitedMs < 0 && !first.isAlive()) {
                exitedMs = elapsed;
            }
            if (deregisteredMs < 0 && !registered(PORT)) {
                deregisteredMs = elapsed;
            }
            Thread.sleep(100);
        }
        load.finish();
        Counts secondAfter = Counts.of(MANAGEMENT_PORT + 100);
        long degraded = staleValuesServed() - degradedBefore;

        System.out.printf("[e2e] %s of %s#1 (pid %d): deregistered from Nacos after %d ms, its pid gone after %d ms%n",
                stop, SERVICE, first.pid(), deregisteredMs, exitedMs);
        System.out.printf("[e2e] before the stop %s#1 had served %s, %s#2 %s; after it #2 served %d more public "
                        + "and %d more internal requests%n", SERVICE, firstBefore, SERVICE, secondBefore,
                secondAfter.publicRequests() - secondBefore.publicRequests(),
                secondAfter.internalRequests() - secondBefore.internalRequests());
        load.report();
        System.out.printf("[e2e] entries served from a last known value because video-service did not answer: %d%n",
                degraded);
        List<String> mismatches = DataCheck.verify(fixture, load);
        if (mismatches.isEmpty()) {
            System.out.printf("[e2e] data matches: %d likes and %d comments answered 0 and are stored exactly once; "
                            + "the %d failed writes left nothing behind%n",
                    load.likedPairs().size(), load.postedComments().values().stream().mapToInt(List::size).sum(),
                    load.failedWrites());
        } else {
            System.out.println("[e2e] data DOES NOT match:");
            mismatches.forEach(m -> System.out.println("[e2e]   " + m));
        }

        assertThat(firstBefore.publicRequests()).as("%s#1 served before the stop", SERVICE).isPositive();
        assertThat(secondBefore.publicRequests()).as("%s#2 served before the stop", SERVICE).isPositive();
        if (stop == Stop.SIGTERM) {
            assertThat(deregisteredMs).as("a stopped instance leaves Nacos before it goes away")
                    .isLessThanOrEqualTo(exitedMs);
        }
        assertThat(load.failures(false)).as("failed reads").isEmpty();
        assertThat(load.failures(true)).as("failed writes").isEmpty();
        assertThat(degraded).as("internal reads served degraded").isZero();
        assertThat(mismatches).as("data mismatches").isEmpty();
    }

    // ---------------------------------------------------------------------------------------------- fixture

    /** An author with a few videos and users to like them, all fresh for one scenario. */
    record Fixture(String tag, Api.Session author, List<Long> videoIds, List<Api.Session> likers) {
        static Fixture create(String tag) {
            Api.Session author = Api.register("ifa");
            for (int i = 0; i < VIDEOS; i++) {
                JsonNode uploaded = Api.upload(author.token(), "instance failure " + tag + " " + i, fakeMp4());
                assertThat(uploaded.get("status_code").asInt()).as("upload %d: %s", i, uploaded).isZero();
            }
            JsonNode list = Api.get("/douyin/publish/list/",
                    Api.params("user_id", author.userId(), "token", author.token()));
            List<Long> videoIds = new ArrayList<>();
            list.get("video_list").forEach(v -> videoIds.add(v.get("id").asLong()));
            assertThat(videoIds).hasSize(VIDEOS);
            List<Api.Session> likers = new ArrayList<>();
            for (int i = 0; i < LIKERS; i++) {
                likers.add(Api.register("ifl"));
            }
            return new Fixture(tag, author, List.copyOf(videoIds), List.copyOf(likers));
        }

        /** Enough of an MP4 for the upload checks (an ftyp box); no frame can be read, so it gets the default cover. */
        private static byte[] fakeMp4() {
            ByteBuffer mp4 = ByteBuffer.allocate(4096);
            mp4.putInt(24).put("ftypisom".getBytes(StandardCharsets.US_ASCII)).putInt(0x200)
                    .put("isommp41".getBytes(StandardCharsets.US_ASCII));
            return mp4.array();
        }
    }

    // ---------------------------------------------------------------------------------------------- load

    record Outcome(String kind, boolean write, boolean ok, String detail, long millisFromStop) {
    }

    /**
     * Clients reading and writing in a loop: feed and publish list (served by video-service), favorite list
     * (interaction-service asks video-service for the videos), likes of distinct (user, video) pairs and comments
     * with unique texts (interaction-service asks video-service for the author first).
     */
    static final class Load {
        private final Fixture fixture;
        private final Queue<long[]> likesToSend = new ConcurrentLinkedQueue<>();
        private final AtomicInteger commentSeq = new AtomicInteger();
        private final AtomicInteger writeSeq = new AtomicInteger();
        private final Queue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
        private final Set<String> likedPairs = Collections.synchronizedSet(new HashSet<>());
        private final Set<String> failedLikes = Collections.synchronizedSet(new HashSet<>());
        private final Map<Long, List<String>> postedComments = new HashMap<>();
        private final Set<String> failedComments = Collections.synchronizedSet(new HashSet<>());
        private final List<Thread> workers = new ArrayList<>();
        private volatile boolean running = true;
        private volatile long stoppedAt;

        Load(Fixture fixture) {
            this.fixture = fixture;
            List<long[]> pairs = new ArrayList<>();
            for (int u = 0; u < fixture.likers().size(); u++) {
                for (long videoId : fixture.videoIds()) {
                    pairs.add(new long[] {u, videoId});
                }
            }
            Collections.shuffle(pairs);
            likesToSend.addAll(pairs);
            fixture.videoIds().forEach(id -> postedComments.put(id, Collections.synchronizedList(new ArrayList<>())));
        }

        void start() {
            stoppedAt = System.nanoTime() + TimeUnit.DAYS.toNanos(1);
            for (int w = 0; w < WORKERS; w++) {
                Thread worker = new Thread(this::loop, "load-" + w);
                worker.start();
                workers.add(worker);
            }
        }

        void markStop(long nanos) {
            stoppedAt = nanos;
        }

        void finish() throws InterruptedException {
            running = false;
            for (Thread worker : workers) {
                worker.join(60_000);
            }
        }

        private void loop() {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            int step = 0;
            while (running) {
                Api.Session viewer = fixture.likers().get(random.nextInt(fixture.likers().size()));
                switch (step++ % 6) {
                    case 0 -> read("feed", "/douyin/feed/", Api.params("token", viewer.token()));
                    case 2 -> read("publish list", "/douyin/publish/list/",
                            Api.params("user_id", fixture.author().userId(), "token", viewer.token()));
                    case 4 -> read("favorite list", "/douyin/favorite/list/",
                            Api.params("user_id", viewer.userId(), "token", viewer.token()));
                    default -> write();
                }
                pause();
            }
        }

        private void read(String kind, String path, Map<String, Object> query) {
            send(kind, false, HttpRequest.newBuilder(Api.uri(path, query)).GET());
        }

        private void write() {
            long[] like = writeSeq.getAndIncrement() % 2 == 0 ? likesToSend.poll() : null;
            if (like != null) {
                Api.Session liker = fixture.likers().get((int) like[0]);
                String pair = liker.userId() + ":" + like[1];
                boolean ok = send("like", true, HttpRequest.newBuilder(Api.uri("/douyin/favorite/action/",
                        Api.params("token", liker.token(), "video_id", like[1], "action_type", 1)))
                        .POST(HttpRequest.BodyPublishers.noBody()));
                (ok ? likedPairs : failedLikes).add(pair);
                return;
            }
            int n = commentSeq.getAndIncrement();
            long videoId = fixture.videoIds().get(n % fixture.videoIds().size());
            Api.Session commenter = fixture.likers().get(n % fixture.likers().size());
            String text = "replica check " + fixture.tag() + " " + n;
            boolean ok = send("comment", true, HttpRequest.newBuilder(Api.uri("/douyin/comment/action/",
                    Api.params("token", commenter.token(), "video_id", videoId, "action_type", 1,
                            "comment_text", text))).POST(HttpRequest.BodyPublishers.noBody()));
            if (ok) {
                postedComments.get(videoId).add(text);
            } else {
                failedComments.add(text);
            }
        }

        /** True when the answer is HTTP 200 with status_code 0; anything else is recorded as a failure. */
        private boolean send(String kind, boolean write, HttpRequest.Builder request) {
            String detail;
            boolean ok = false;
            try {
                HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(20)).build(),
                        HttpResponse.BodyHandlers.ofString());
                JsonNode body = Api.JSON.readTree(response.body());
                int status = body.path("status_code").asInt(-1);
                ok = response.statusCode() == 200 && status == 0;
                detail = "HTTP " + response.statusCode() + " status_code " + status + " "
                        + body.path("status_msg").asString("");
            } catch (IOException | RuntimeException e) {
                detail = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                detail = e.toString();
            }
            long fromStop = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stoppedAt);
            outcomes.add(new Outcome(kind, write, ok, detail, fromStop));
            return ok;
        }

        private static void pause() {
            try {
                Thread.sleep(PAUSE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        List<Outcome> failures(boolean writes) {
            return outcomes.stream().filter(o -> o.write() == writes && !o.ok()).toList();
        }

        int failedWrites() {
            return failures(true).size();
        }

        Set<String> likedPairs() {
            return likedPairs;
        }

        Set<String> failedLikes() {
            return failedLikes;
        }

        Map<Long, List<String>> postedComments() {
            return postedComments;
        }

        Set<String> failedComments() {
            return failedComments;
        }

        void report() {
            Map<String, long[]> byKind = new TreeMap<>();
            for (Outcome o : outcomes) {
                long[] counts = byKind.computeIfAbsent(o.kind(), k -> new long[3]);
                counts[0]++;
                if (!o.ok()) {
                    counts[1]++;
                }
                if (o.millisFromStop() >= 0) {
                    counts[2]++;
                }
            }
            long reads = outcomes.stream().filter(o -> !o.write()).count();
            System.out.printf("[e2e] requests sent: %d (%d reads, %d writes), %d after the stop; failed: %d "
                            + "(reads %d, writes %d)%n", outcomes.size(), reads, outcomes.size() - reads,
                    outcomes.stream().filter(o -> o.millisFromStop() >= 0).count(),
                    outcomes.stream().filter(o -> !o.ok()).count(), failures(false).size(), failures(true).size());
            byKind.forEach((kind, c) -> System.out.printf("[e2e]   %-13s sent %4d, failed %d, after the stop %d%n",
                    kind, c[0], c[1], c[2]));
            outcomes.stream().filter(o -> !o.ok()).limit(20).forEach(o -> System.out.printf(
                    "[e2e]   failed %s at %+d ms from the stop: %s%n", o.kind(), o.millisFromStop(), o.detail()));
        }
    }

    // ---------------------------------------------------------------------------------------------- data check

    /** Compares what clients were told with what the database and the public lists say. */
    static final class DataCheck {
        static List<String> verify(Fixture fixture, Load load) throws Exception {
            List<String> mismatches = new ArrayList<>();
            Map<Long, Api.Session> likersById = fixture.likers().stream()
                    .collect(Collectors.toMap(Api.Session::userId, s -> s));
            String videoList = fixture.videoIds().stream().map(String::valueOf).collect(Collectors.joining(","));

            try (Connection db = Suite.db("interaction")) {
                Set<String> storedLikes = new HashSet<>();
                try (PreparedStatement q = db.prepareStatement(
                        "SELECT user_id, video_id FROM favorite WHERE video_id IN (" + videoList + ")");
                     ResultSet rows = q.executeQuery()) {
                    while (rows.next()) {
                        storedLikes.add(rows.getLong(1) + ":" + rows.getLong(2));
                    }
                }
                diff(mismatches, "likes in the favorite table", storedLikes, load.likedPairs());
                for (String failed : load.failedLikes()) {
                    if (storedLikes.contains(failed)) {
                        mismatches.add("a like that failed was stored: " + failed);
                    }
                }
                Map<String, Integer> storedComments = new HashMap<>();
                try (PreparedStatement q = db.prepareStatement(
                        "SELECT content, COUNT(*) FROM comment WHERE video_id IN (" + videoList + ") GROUP BY content");
                     ResultSet rows = q.executeQuery()) {
                    while (rows.next()) {
                        storedComments.put(rows.getString(1), rows.getInt(2));
                    }
                }
                Set<String> posted = load.postedComments().values().stream().flatMap(List::stream)
                        .collect(Collectors.toSet());
                diff(mismatches, "comments in the comment table", storedComments.keySet(), posted);
                storedComments.forEach((text, count) -> {
                    if (count != 1) {
                        mismatches.add("comment \"" + text + "\" stored " + count + " times");
                    }
                });
                for (String failed : load.failedComments()) {
                    if (storedComments.containsKey(failed)) {
                        mismatches.add("a comment that failed was stored: " + failed);
                    }
                }
            }

            // what clients see: counters on the videos, comment lists, each liker's favorite list
            JsonNode published = Api.get("/douyin/publish/list/",
                    Api.params("user_id", fixture.author().userId(), "token", fixture.author().token()));
            for (JsonNode video : published.get("video_list")) {
                long id = video.get("id").asLong();
                long likes = load.likedPairs().stream().filter(p -> p.endsWith(":" + id)).count();
                if (video.get("favorite_count").asLong() != likes) {
                    mismatches.add("video " + id + " favorite_count " + video.get("favorite_count") + ", expected "
                            + likes);
                }
                List<String> comments = load.postedComments().get(id);
                if (video.get("comment_count").asLong() != comments.size()) {
                    mismatches.add("video " + id + " comment_count " + video.get("comment_count") + ", expected "
                            + comments.size());
                }
                JsonNode list = Api.get("/douyin/comment/list/",
                        Api.params("video_id", id, "token", fixture.author().token()));
                List<String> listed = new ArrayList<>();
                list.get("comment_list").forEach(c -> listed.add(c.get("content").asString()));
                if (listed.size() != new HashSet<>(listed).size()) {
                    mismatches.add("comment list of video " + id + " has duplicates");
                }
                diff(mismatches, "comment list of video " + id, new HashSet<>(listed), new HashSet<>(comments));
            }
            for (Api.Session liker : likersById.values()) {
                JsonNode favorites = Api.get("/douyin/favorite/list/",
                        Api.params("user_id", liker.userId(), "token", liker.token()));
                Set<String> listed = new HashSet<>();
                favorites.get("video_list").forEach(v -> listed.add(liker.userId() + ":" + v.get("id").asLong()));
                Set<String> expected = load.likedPairs().stream().filter(p -> p.startsWith(liker.userId() + ":"))
                        .collect(Collectors.toSet());
                diff(mismatches, "favorite list of user " + liker.userId(), listed, expected);
            }
            return mismatches;
        }

        private static void diff(List<String> mismatches, String what, Set<String> actual, Set<String> expected) {
            Set<String> missing = new HashSet<>(expected);
            missing.removeAll(actual);
            Set<String> extra = new HashSet<>(actual);
            extra.removeAll(expected);
            if (!missing.isEmpty()) {
                mismatches.add(what + ": missing " + missing.size() + " that answered 0, e.g. " + first(missing));
            }
            if (!extra.isEmpty()) {
                mismatches.add(what + ": " + extra.size() + " not answered 0, e.g. " + first(extra));
            }
        }

        private static String first(Set<String> values) {
            return values.stream().sorted().limit(3).collect(Collectors.joining(", "));
        }
    }

    // ---------------------------------------------------------------------------------------------- suite helpers

    /** Reads go through the gateway until both instances have answered some: the balancer knows them both. */
    private static void awaitBothInstancesServe() throws InterruptedException {
        long first = Counts.of(MANAGEMENT_PORT).publicRequests();
        long second = Counts.of(MANAGEMENT_PORT + 100).publicRequests();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (Counts.of(MANAGEMENT_PORT).publicRequests() <= first
                || Counts.of(MANAGEMENT_PORT + 100).publicRequests() <= second) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the gateway did not route to both " + SERVICE + " instances within 60 s");
            }
            for (int i = 0; i < 4; i++) {
                Api.get("/douyin/feed/", Map.of());
            }
            Thread.sleep(500);
        }
    }

    private static Path pidFile(int instance) {
        return Suite.ROOT.resolve(".run/" + SERVICE + "-" + instance + ".pid");
    }

    private static long pidOf(int instance) throws IOException {
        return Long.parseLong(Files.readString(pidFile(instance)).trim());
    }

    private static boolean registered(int port) {
        try {
            for (JsonNode host : Nacos.instances(SERVICE)) {
                if (host.path("port").asInt() == port) {
                    return true;
                }
            }
            return false;
        } catch (RuntimeException | AssertionError e) {
            return true; // unknown: ask again
        }
    }

    /**
     * Entries any service served from a last known value because their owner did not answer (the read model's
     * {@code dousheng.cache.stale} metric), summed over every instance that outlives the stop.
     */
    private static long staleValuesServed() {
        long total = 0;
        for (int port : new int[] {9081, 9083, 9084, 9085, MANAGEMENT_PORT + 100}) {
            total += Metrics.sum(port, line -> line.startsWith("dousheng_cache_stale_total"));
        }
        return total;
    }

    /** Requests an instance served, from its Prometheus endpoint: public ones and internal (Feign) ones. */
    record Counts(long publicRequests, long internalRequests) {
        static Counts of(int managementPort) {
            return new Counts(Metrics.publicRequests(managementPort), Metrics.internalRequests(managementPort));
        }

        @Override
        public String toString() {
            return publicRequests + " public and " + internalRequests + " internal requests";
        }
    }
}
