package com.dousheng.common.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BatchingConsoleAppenderTest {
    private final PrintStream realOut = System.out;
    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private final AtomicInteger writes = new AtomicInteger();
    private final LoggerContext context = new LoggerContext();
    private BatchingConsoleAppender<ILoggingEvent> appender;
    private Logger logger;

    @BeforeEach
    void captureTheConsole() {
        System.setOut(new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                written.write(b);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                writes.incrementAndGet();
                written.write(bytes, offset, length);
            }
        }, true));
        context.setMDCAdapter(new LogbackMDCAdapter());
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%msg%n");
        encoder.start();
        appender = new BatchingConsoleAppender<>();
        appender.setContext(context);
        appender.setEncoder(encoder);
        appender.setFlushIntervalMillis(50);
        appender.start();
        logger = context.getLogger("dousheng.access");
        logger.addAppender(appender);
    }

    @AfterEach
    void restoreTheConsole() {
        appender.stop();
        System.setOut(realOut);
    }

    private String console() {
        return written.toString(StandardCharsets.UTF_8);
    }

    @Test
    void everyLineReachesTheConsoleInOrderInFarFewerWrites() {
        for (int i = 0; i < 2000; i++) {
            logger.info("line {}", i);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> console().contains("line 1999\n"));
        String[] lines = console().split("\n");
        assertThat(lines).hasSize(2000);
        for (int i = 0; i < lines.length; i++) {
            assertThat(lines[i]).isEqualTo("line " + i);
        }
        assertThat(writes.get()).isLessThan(100);
    }

    @Test
    void aLoneLineIsWrittenWithinTheIntervalAndWhatIsLeftWhenLoggingStops() {
        logger.info("alone");
        await().atMost(Duration.ofSeconds(5)).until(() -> console().equals("alone\n"));

        appender.setFlushIntervalMillis(60_000);
        appender.stop();
        appender.start();
        logger.info("last words");
        assertThat(console()).doesNotContain("last words");
        appender.stop();
        assertThat(console()).endsWith("last words\n");
    }
}
