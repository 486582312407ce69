package com.dousheng.common.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLTransactionRollbackException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.PessimisticLockingFailureException;

class FailureTranslatorTest {

    @Test
    void aLostDeadlockOrLockWaitAsksForARetryInsteadOfAnInternalError() {
        for (RuntimeException conflict : new RuntimeException[] {
                new PessimisticLockingFailureException("Deadlock found when trying to get lock",
                        new SQLTransactionRollbackException("Deadlock found when trying to get lock")),
                new CannotAcquireLockException("Lock wait timeout exceeded")}) {
            Failure failure = FailureTranslator.translate(conflict, "POST", "/douyin/favorite/action/");
            assertThat(failure.code()).as(conflict.toString()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE);
            assertThat(failure.message()).contains("retry");
        }
    }

    @Test
    void anythingUnforeseenIsStillAnInternalError() {
        assertThat(FailureTranslator.translate(new IllegalStateException("bug"), "GET", "/douyin/feed/").code())
                .isEqualTo(ErrorCode.INTERNAL_ERROR);
    }
}
