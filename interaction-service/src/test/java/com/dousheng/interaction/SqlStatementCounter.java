package com.dousheng.interaction;

import java.sql.Connection;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.ibatis.executor.statement.StatementHandler;
import org.apache.ibatis.plugin.Interceptor;
import org.apache.ibatis.plugin.Intercepts;
import org.apache.ibatis.plugin.Invocation;
import org.apache.ibatis.plugin.Signature;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** Counts the SQL statements MyBatis prepares, so tests can check that batch APIs stay bounded. */
@TestConfiguration(proxyBeanMethods = false)
public class SqlStatementCounter {
    private static final AtomicInteger PREPARED = new AtomicInteger();

    public static void reset() {
        PREPARED.set(0);
    }

    public static int count() {
        return PREPARED.get();
    }

    @Bean
    Interceptor statementCountingInterceptor() {
        return new CountingInterceptor();
    }

    @Intercepts(@Signature(type = StatementHandler.class, method = "prepare", args = {Connection.class, Integer.class}))
    static class CountingInterceptor implements Interceptor {
        @Override
        public Object intercept(Invocation invocation) throws Throwable {
            PREPARED.incrementAndGet();
            return invocation.proceed();
        }
    }
}
