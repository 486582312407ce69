package com.dousheng.e2e;

import static com.dousheng.e2e.Api.params;
import static com.dousheng.e2e.Api.post;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * One request's trace id followed through the logs: a friend list of users nobody has read yet is composed by
 * relation-service from the leaves of user-service (profiles), video-service (work counts), interaction-service
 * (likes) and message-service (the latest message), each asked once because the read model has nothing yet. The trace id the
 * caller chose in {@code traceparent} comes back in {@code X-Trace-Id} and is found in the gateway's access log
 * line and in the access log line of every service the request touched, in .run/logs.
 */
@ExtendWith(Suite.class)
class TracingE2ETest {
    private static final Path LOGS = Suite.ROOT.resolve(".run/logs");
    /** The access log line of each service for the friend list, by the path that service served. */
    private static final Map<String, String> SERVED = Map.of(
            "relation-service", "/douyin/relation/friend/list/",
            "user-service", "/internal/users/profiles",
            "message-service", "/internal/messages/latest",
            "video-service", "/internal/videos/work-counts",
            "interaction-service", "/internal/interactions/user-stats");

    @Test
    void theCallersTraceIdIsInTheLogOfTheGatewayAndOfEveryServiceTheRequestTouched() {
        Api.Session alice = Api.register("trace");
        Api.Session bob = Api.register("trace");
        follow(alice, bob);
        follow(bob, alice);

        String traceId = hex(16);
        HttpResponse<String> response = Api.exchange(HttpRequest.newBuilder(Api.uri("/douyin/relation/friend/list/",
                        params("user_id", alice.userId(), "token", alice.token())))
                .header("traceparent", "00-" + traceId + "-" + hex(8) + "-01")
                .timeout(Duration.ofSeconds(30)).GET().build());
        JsonNode body = Api.JSON.readTree(response.body());
        assertThat(body.get("status_code").asInt()).as("friend list: %s", body).isZero();
        assertThat(body.get("user_list").get(0).get("id").asLong()).isEqualTo(bob.userId());
        assertThat(response.headers().firstValue("X-Trace-Id")).hasValue(traceId);

        List<String> found = new ArrayList<>();
        found.add(awaitLine("gateway", "dousheng.access", "method=GET path=/douyin/relation/friend/list/ status=200",
                "user=" + alice.userId() + " trace=" + traceId));
        SERVED.forEach((service, path) -> found.add(awaitLine(service, "dousheng.access", "path=" + path + " ",
                "trace=" + traceId)));
        System.out.println("[e2e] trace " + traceId + " in the logs:");
        found.forEach(line -> System.out.println("[e2e]   " + line));
        // the id is also the correlation prefix of each of these lines, as of every line logged for the request
        assertThat(found).allSatisfy(line -> assertThat(line).contains("[" + traceId + ","));
    }

    @Test
    void withoutATraceparentTheGatewayStartsATraceAndReturnsItsId() {
        Api.Session carol = Api.register("trace");
        HttpResponse<String> response = Api.exchange(HttpRequest.newBuilder(
                Api.uri("/douyin/user/", params("token", carol.token()))).timeout(Duration.ofSeconds(30)).GET().build());
        assertThat(Api.JSON.readTree(response.body()).get("status_code").asInt()).isZero();
        String traceId = response.headers().firstValue("X-Trace-Id").orElseThrow();
        assertThat(traceId).matches("[0-9a-f]{32}");
        awaitLine("gateway", "dousheng.access", "method=GET path=/douyin/user/ status=200",
                "user=" + carol.userId() + " trace=" + traceId);
        awaitLine("user-service", "dousheng.access", "path=/douyin/user/ ", "trace=" + traceId);
    }

    private static void follow(Api.Session who, Api.Session whom) {
        JsonNode answer = post("/douyin/relation/action/",
                params("token", who.token(), "to_user_id", whom.userId(), "action_type", 1));
        assertThat(answer.get("status_code").asInt()).as("follow: %s", answer).isZero();
    }

    /** The first line of the application's logs (every instance) holding all parts; lines reach the file soon after. */
    private static String awaitLine(String application, String... parts) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            for (String line : lines(application)) {
                if (Stream.of(parts).allMatch(line::contains)) {
                    return line;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no line with " + List.of(parts) + " in " + LOGS + "/" + application
                        + "-*.log");
            }
            sleep();
        }
    }

    private static List<String> lines(String application) {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.list(LOGS)) {
            for (Path file : files.filter(f -> f.getFileName().toString().matches(
                    java.util.regex.Pattern.quote(application) + "-\\d+\\.log")).toList()) {
                // tolerant of a line being written while it is read
                lines.addAll(List.of(new String(Files.readAllBytes(file), StandardCharsets.UTF_8).split("\n")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines;
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
