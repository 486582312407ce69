package com.dousheng.common.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.PessimisticLockingFailureException;

class LockConflictsTest {

    @Test
    void aStatementThatLostALockIsRunAgainUntilItGoesThrough() {
        AtomicInteger runs = new AtomicInteger();
        int changed = LockConflicts.retried(() -> {
            if (runs.incrementAndGet() < 3) {
                throw new PessimisticLockingFailureException("Deadlock found when trying to get lock");
            }
            return 1;
        });
        assertThat(changed).isEqualTo(1);
        assertThat(runs).hasValue(3);
    }

    @Test
    void aStatementThatKeepsLosingGivesUpAfterItsAttempts() {
        AtomicInteger runs = new AtomicInteger();
        assertThatThrownBy(() -> LockConflicts.retried(() -> {
            runs.incrementAndGet();
            throw new CannotAcquireLockException("Lock wait timeout exceeded");
        })).isInstanceOf(CannotAcquireLockException.class);
        assertThat(runs).hasValue(LockConflicts.MAX_ATTEMPTS);
    }

    @Test
    void anyOtherFailureIsNotRetried() {
        AtomicInteger runs = new AtomicInteger();
        assertThatThrownBy(() -> LockConflicts.retried(() -> {
            runs.incrementAndGet();
            throw new DataIntegrityViolationException("duplicate");
        })).isInstanceOf(DataIntegrityViolationException.class);
        assertThat(runs).hasValue(1);
    }
}
