package com.dousheng.interaction.counter;

import com.dousheng.interaction.InteractionProperties;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Periodically recounts every cached counter from the truth tables and repairs the ones that drifted (a write
 * whose Redis update failed after MySQL committed, a flush in the middle of a write, manual edits). Counters that
 * are not cached need no repair: they are counted from MySQL when next read. Safe to run on every instance at once.
 */
@Component
public class CounterReconcileJob implements SchedulingConfigurer {
    private static final Logger log = LoggerFactory.getLogger(CounterReconcileJob.class);
    private static final int BATCH = 500;

    private final StringRedisTemplate redis;
    private final CounterStore counters;
    private final Duration interval;

    public CounterReconcileJob(StringRedisTemplate redis, CounterStore counters, InteractionProperties properties) {
        this.redis = redis;
        this.counters = counters;
        this.interval = properties.reconcileInterval();
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(new FixedDelayTask(this::scheduledRun, interval, interval));
    }

    public void scheduledRun() {
        try {
            reconcile();
        } catch (RuntimeException e) {
            log.warn("counter reconcile failed, will retry next run: {}", e.toString());
        }
    }

    /** Returns how many cached counters were wrong and have been corrected. */
    public int reconcile() {
        ScanOptions scan = ScanOptions.scanOptions().match(CounterKey.COUNT_PREFIX + "*").count(BATCH).build();
        int checked = 0;
        int repaired = 0;
        List<CounterKey> batch = new ArrayList<>(BATCH);
        try (Cursor<String> cursor = redis.scan(scan)) {
            while (cursor.hasNext()) {
                CounterKey key = CounterKey.ofCountKey(cursor.next());
                if (key != null) {
                    batch.add(key);
                }
                if (batch.size() == BATCH) {
                    checked += batch.size();
                    repaired += counters.repair(batch);
                    batch.clear();
                }
            }
        }
        checked += batch.size();
        repaired += counters.repair(batch);
        if (repaired > 0) {
            log.warn("counter reconcile: {} of {} cached counters had drifted and were corrected", repaired, checked);
        } else {
            log.debug("counter reconcile: {} cached counters checked, none drifted", checked);
        }
        return repaired;
    }
}
