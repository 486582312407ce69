package com.dousheng.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The APK's chat screen: poll every 100 ms from the last create_time seen, append whatever comes back. */
class ChatPollingTest extends MessageServiceTestBase {
    private static final long A = 101;
    private static final long B = 102;
    private static final int PER_SENDER = 200;

    @Test
    void pollingClientsSeeEveryMessageExactlyOnceInOrderWhileBothUsersSend() throws Exception {
        AtomicBoolean sending = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        try {
            Future<?> senderA = pool.submit(sender(start, A, B));
            Future<?> senderB = pool.submit(sender(start, B, A));
            Future<List<Map<String, Object>>> screenA = pool.submit(client(start, sending, A, B));
            Future<List<Map<String, Object>>> screenB = pool.submit(client(start, sending, B, A));
            start.countDown();
            senderA.get(2, TimeUnit.MINUTES);
            senderB.get(2, TimeUnit.MINUTES);
            sending.set(false);

            List<Map<String, Object>> seenByA = screenA.get(2, TimeUnit.MINUTES);
            List<Map<String, Object>> seenByB = screenB.get(2, TimeUnit.MINUTES);
            List<Long> stored = jdbc.queryForList("SELECT id FROM message ORDER BY create_time", Long.class);
            assertThat(stored).hasSize(2 * PER_SENDER);
            for (List<Map<String, Object>> screen : List.of(seenByA, seenByB)) {
                List<Long> ids = screen.stream().map(MessageServiceTestBase::id).toList();
                assertThat(new HashSet<>(ids)).hasSize(ids.size()); // no duplicates
                assertThat(ids).isEqualTo(stored);                  // every message, in order
                List<Long> times = screen.stream().map(MessageServiceTestBase::createTime).toList();
                for (int i = 1; i < times.size(); i++) {
                    assertThat(times.get(i)).isGreaterThan(times.get(i - 1));
                }
                assertThat(contentsFrom(screen, A)).isEqualTo(expectedContents(A));
                assertThat(contentsFrom(screen, B)).isEqualTo(expectedContents(B));
            }
        } finally {
            sending.set(false);
            pool.shutdownNow();
        }
    }

    private Callable<Void> sender(CountDownLatch start, long from, long to) {
        return () -> {
            start.await();
            for (int i = 0; i < PER_SENDER; i++) {
                send(from, to, from + "#" + i);
            }
            return null;
        };
    }

    /** Polls until sending is over and a poll after that came back empty. */
    private Callable<List<Map<String, Object>>> client(CountDownLatch start, AtomicBoolean sending,
                                                        long viewer, long other) {
        return () -> {
            start.await();
            List<Map<String, Object>> screen = new ArrayList<>();
            long last = 0;
            while (true) {
                boolean finalRound = !sending.get();
                List<Map<String, Object>> page = messages(viewer, other, last);
                screen.addAll(page);
                if (!page.isEmpty()) {
                    last = createTime(page.get(page.size() - 1));
                } else if (finalRound) {
                    return screen;
                }
                Thread.sleep(100);
            }
        };
    }

    private static List<Object> contentsFrom(List<Map<String, Object>> screen, long sender) {
        return screen.stream().filter(m -> ((Number) m.get("from_user_id")).longValue() == sender)
                .map(m -> m.get("content")).toList();
    }

    private static List<Object> expectedContents(long sender) {
        List<Object> contents = new ArrayList<>();
        for (int i = 0; i < PER_SENDER; i++) {
            contents.add(sender + "#" + i);
        }
        return contents;
    }
}
