package com.dousheng.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Never a made-up answer (issue 10): while one service is frozen (SIGSTOP, so it accepts connections and
 * answers nothing, like a leaf stuck in a pause), the feed, the publish lists and user info keep arriving through
 * the gateway well within its timeout, each either with {@code status_code} 0 and the values last known to be
 * true, or refused with a non-zero code and a message. A 0 standing in for a count that could not be read is
 * what this test catches: the seeded data makes every count and flag of the ledger non-zero beforehand.
 * Reads that the frozen service itself answers behind the gateway (user info while user-service is frozen) are
 * left out: only the gateway's own timeout could answer those.
 */
@ExtendWith(Suite.class)
class SlowLeafE2ETest {
    /** Longer than a 5 s client timeout and its one retry, so that whatever a caller does after giving up shows. */
    private static final Duration FROZEN = Duration.ofSeconds(12);
    /** A bound on hanging, not a speed claim: the gateway's own timeout is far longer. */
    private static final Duration BOUND = Duration.ofSeconds(5);
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration RECOVERY = Duration.ofSeconds(30);

    private static final Ledger LEDGER = new Ledger();
    private static final Views VIEWS = new Views(LEDGER);
    private static Api.Session viewer;

    private record Outcome(String read, long startedMs, Views.Answer answer, List<String> problems) {
    }

    /** Two users who follow each other, each with a video the other liked and commented: no count is 0. */
    @BeforeAll
    static void seed() {
        Api.Session a = LEDGER.register("sla");
        Api.Session b = LEDGER.register("slb");
        long videoOfA = LEDGER.publish(a, "slow leaf clip of " + a.name());
        long videoOfB = LEDGER.publish(b, "slow leaf clip of " + b.name());
        LEDGER.like(b, videoOfA);
        LEDGER.like(a, videoOfB);
        LEDGER.comment(b, videoOfA, "slow leaf comment of " + b.name());
        LEDGER.comment(a, videoOfB, "slow leaf comment of " + a.name());
        LEDGER.follow(a, b);
        LEDGER.follow(b, a);
        viewer = b;
    }

    @Test
    void relationServiceFrozenCostsNoFollowCount() throws Exception {
        freezeWhileReading("relation-service");
    }

    @Test
    void interactionServiceFrozenCostsNoLikeCount() throws Exception {
        freezeWhileReading("interaction-service");
    }

    @Test
    void userServiceFrozenCostsNoProfile() throws Exception {
        freezeWhileReading("user-service");
    }

    private void freezeWhileReading(String service) throws Exception {
        List<Views.Read> reads = VIEWS.feedAndProfiles(viewer).stream()
                .filter(read -> !read.service().equals(service)).toList();
        List<String> before = verifyAll(reads);
        assertThat(before).as("the answers before %s is frozen (the last known values)", service).isEmpty();

        long pid = Suite.pid(service, 1);
        Queue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
        List<Thread> readers = new ArrayList<>();
        long frozenAt = System.nanoTime();
        long frozenUntil = frozenAt + FROZEN.toNanos();
        Suite.signal(pid, "STOP");
        try {
            for (Views.Read read : reads) {
                Thread reader = new Thread(() -> {
                    while (System.nanoTime() < frozenUntil) {
                        long started = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - frozenAt);
                        Views.Answer answer = Views.fetch(Suite.GATEWAY, read, CLIENT_TIMEOUT);
                        outcomes.add(new Outcome(read.label(), started, answer, judge(read, answer)));
                    }
                }, "reader " + read.label());
                reader.start();
                readers.add(reader);
            }
            Thread.sleep(FROZEN.toMillis());
        } finally {
            Suite.signal(pid, "CONT");
        }
        for (Thread reader : readers) {
            reader.join(CLIENT_TIMEOUT.toMillis() + 10_000);
        }
        List<String> after = awaitNormalAnswers(reads);

        report(service, outcomes);
        List<String> problems = new ArrayList<>();
        outcomes.forEach(o -> o.problems().forEach(p -> problems.add(o.read() + " sent at +" + o.startedMs()
                + " ms: " + p)));
        assertThat(outcomes).as("answers while %s was frozen", service).isNotEmpty();
        assertThat(problems).as("answers while %s was frozen that hung, or made a value up", service).isEmpty();
        assertThat(after).as("the answers %d s after %s resumed", RECOVERY.toSeconds(), service).isEmpty();
    }

    /** Within the bound, and either the ledger's values with 0 or a refusal that says what happened. */
    private static List<String> judge(Views.Read read, Views.Answer answer) {
        List<String> problems = new ArrayList<>();
        if (answer.failure() != null) {
            problems.add(answer.failure() + " after " + answer.millis() + " ms");
            return problems;
        }
        if (answer.millis() >= BOUND.toMillis()) {
            problems.add("answered after " + answer.millis() + " ms (bound " + BOUND.toMillis() + " ms), status_code "
                    + answer.statusCode());
        }
        if (answer.statusCode() == 0) {
            read.check().verify(answer.body(), problems);
        } else if (answer.statusMsg().isBlank() || answer.statusMsg().equalsIgnoreCase("success")) {
            problems.add("status_code " + answer.statusCode() + " without a status_msg that says why: "
                    + answer.body());
        }
        return problems;
    }

    private static List<String> verifyAll(List<Views.Read> reads) {
        List<String> lines = new ArrayList<>();
        reads.forEach(read -> lines.addAll(Views.verify(Suite.GATEWAY, read)));
        return lines;
    }

    private static List<String> awaitNormalAnswers(List<Views.Read> reads) throws InterruptedException {
        long deadline = System.nanoTime() + RECOVERY.toNanos();
        List<String> lines = verifyAll(reads);
        while (!lines.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(1000);
            lines = verifyAll(reads);
        }
        return lines;
    }

    private static void report(String service, Queue<Outcome> outcomes) {
        System.out.printf("[e2e] %s frozen for %d s: %d answers%n", service, FROZEN.toSeconds(), outcomes.size());
        Map<String, long[]> byRead = new TreeMap<>();
        for (Outcome o : outcomes) {
            long[] c = byRead.computeIfAbsent(o.read(), k -> new long[5]);
            c[0]++;
            if (o.answer().failure() == null && o.answer().statusCode() == 0) {
                c[1]++;
            } else if (o.answer().failure() == null) {
                c[2]++;
            }
            if (!o.problems().isEmpty()) {
                c[3]++;
            }
            c[4] = Math.max(c[4], o.answer().millis());
        }
        byRead.forEach((read, c) -> System.out.printf(
                "[e2e]   %-40s %3d answers: %3d status 0, %3d refused, %3d wrong or late; slowest %d ms%n",
                read, c[0], c[1], c[2], c[3], c[4]));
        outcomes.stream().filter(o -> !o.problems().isEmpty()).limit(8).forEach(o -> System.out.printf(
                "[e2e]   %s sent at +%d ms: %s%n", o.read(), o.startedMs(), String.join("; ", o.problems())));
        outcomes.stream().filter(o -> o.answer().failure() == null && o.answer().statusCode() != 0).limit(3)
                .forEach(o -> System.out.printf("[e2e]   refused: %s: %d %s%n", o.read(), o.answer().statusCode(),
                        o.answer().statusMsg()));
    }
}
