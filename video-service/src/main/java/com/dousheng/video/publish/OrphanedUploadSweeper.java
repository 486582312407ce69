package com.dousheng.video.publish;

import com.dousheng.video.VideoProperties;
import com.dousheng.video.storage.Storage;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Deletes the objects of uploads that stopped between storing them and committing their video row (the process
 * was killed or the machine went down; a failure it survives cleans up at once). Such an upload is a
 * {@code pending_upload} row older than any upload takes. Objects a video row uses are kept whatever the table
 * says, and a row whose objects could not be deleted stays for the next run. Safe to run on every instance at once.
 */
@Component
public class OrphanedUploadSweeper implements SchedulingConfigurer {
    private static final Logger log = LoggerFactory.getLogger(OrphanedUploadSweeper.class);
    private static final int BATCH = 100;

    private final PendingUploadMapper pending;
    private final Storage storage;
    private final long graceSeconds;
    private final Duration interval;

    public OrphanedUploadSweeper(PendingUploadMapper pending, Storage storage, VideoProperties properties) {
        this.pending = pending;
        this.storage = storage;
        this.graceSeconds = properties.orphanedUploadGrace().toSeconds();
        this.interval = properties.orphanedUploadSweepInterval();
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(new FixedDelayTask(this::scheduledRun, interval, interval));
    }

    public void scheduledRun() {
        try {
            sweep();
        } catch (RuntimeException e) {
            log.warn("sweeping orphaned uploads failed, will retry next run: {}", e.toString());
        }
    }

    /** Returns how many objects were deleted. */
    public int sweep() {
        int deleted = 0;
        int uploads = 0;
        List<PendingUpload> stale;
        do {
            stale = pending.findOlderThan(graceSeconds, BATCH);
            if (stale.isEmpty()) {
                break;
            }
            Set<String> inUse = new HashSet<>(pending.findKeysInUse(
                    stale.stream().flatMap(upload -> upload.keys().stream()).toList()));
            for (PendingUpload upload : stale) {
                for (String key : upload.keys()) {
                    if (inUse.contains(key)) {
                        continue;
                    }
                    if (!storage.delete(key)) {
                        // storage is failing: the row stays, and the next run tries again
                        report(deleted, uploads);
                        return deleted;
                    }
                    deleted++;
                }
                pending.delete(upload.getId());
                uploads++;
            }
        } while (stale.size() == BATCH);
        report(deleted, uploads);
        return deleted;
    }

    private static void report(int deleted, int uploads) {
        if (uploads > 0 || deleted > 0) {
            log.warn("orphaned uploads: deleted {} object keys of {} uploads that never got their video row",
                    deleted, uploads);
        }
    }
}
