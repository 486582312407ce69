package com.dousheng.common.data;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.PessimisticLockingFailureException;

/**
 * Runs one self-contained statement (no surrounding transaction) again when it lost a deadlock or a lock wait.
 * Concurrent inserts and deletes of one unique pair (like and unlike, follow and unfollow) can deadlock; the loser
 * was rolled back, so running it again cannot count twice. Each retry waits a random few milliseconds more than the
 * last: retried at once, the same writers met again (64 connections liking and unliking one video lost 6 requests
 * in 5 immediate attempts each). A statement that still loses throws, and answers 9001, "please retry"
 * (common's FailureTranslator).
 */
public final class LockConflicts {
    static final int MAX_ATTEMPTS = 5;
    private static final Logger log = LoggerFactory.getLogger(LockConflicts.class);

    private LockConflicts() {
    }

    /** @return what the statement returned (e.g. the rows it changed) */
    public static int retried(IntSupplier statement) {
        for (int attempt = 1; ; attempt++) {
            try {
                return statement.getAsInt();
            } catch (PessimisticLockingFailureException e) {
                if (attempt >= MAX_ATTEMPTS) {
                    throw e;
                }
                log.debug("lock conflict on attempt {}, retrying: {}", attempt, e.getMessage());
                backOff(attempt);
            }
        }
    }

    private static void backOff(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 1 + 4L * attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying a statement that lost a lock", e);
        }
    }
}
