package com.dousheng.common.observability;

import ch.qos.logback.core.OutputStreamAppender;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The console appender of the access log: one line per request, so writing each line at once cost one system call
 * per request (and handing each to a background thread cost a thread wake-up per request, which profiling showed
 * to be dearer still on two cores). Lines are encoded on the request's thread into a buffer, which goes to
 * {@code System.out} in one write every {@link #setFlushIntervalMillis flush interval} (100 ms), when 64 KiB
 * have gathered, and when logging stops. A process killed outright loses at most that interval's lines.
 */
public class BatchingConsoleAppender<E> extends OutputStreamAppender<E> {
    private static final int DRAIN_AT_BYTES = 64 * 1024;

    private long flushIntervalMillis = 100;
    private Batch batch;
    private ScheduledExecutorService flusher;

    public void setFlushIntervalMillis(long flushIntervalMillis) {
        this.flushIntervalMillis = flushIntervalMillis;
    }

    @Override
    public void start() {
        batch = new Batch();
        setImmediateFlush(false);
        setOutputStream(batch);
        flusher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "access-log-flusher");
            thread.setDaemon(true);
            return thread;
        });
        flusher.scheduleWithFixedDelay(batch::drain, flushIntervalMillis, flushIntervalMillis, TimeUnit.MILLISECONDS);
        super.start();
    }

    @Override
    public void stop() {
        super.stop();
        if (flusher != null) {
            flusher.shutdownNow();
        }
        if (batch != null) {
            batch.drain();
        }
    }

    /** Bytes waiting for the console; System.out is looked up at each drain, so a captured console sees them. */
    static final class Batch extends OutputStream {
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream(DRAIN_AT_BYTES);

        @Override
        public synchronized void write(int b) {
            pending.write(b);
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) {
            pending.write(bytes, offset, length);
            if (pending.size() >= DRAIN_AT_BYTES) {
                drain();
            }
        }

        synchronized void drain() {
            if (pending.size() == 0) {
                return;
            }
            PrintStream console = System.out;
            console.write(pending.toByteArray(), 0, pending.size());
            console.flush();
            pending.reset();
        }

        @Override
        public void close() {
            drain();
        }
    }
}
