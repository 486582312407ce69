package com.dousheng.video.feed;

import com.dousheng.video.VideoProperties;
import com.dousheng.video.catalog.VideoMapper;
import com.dousheng.video.catalog.VideoStamp;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * The newest videos' ids and times in this instance's memory, so that a feed page needs no query. A copy is
 * tagged with the value the Redis key {@value #CLOCK_KEY} had when it was read from MySQL; every publish, on any
 * instance, changes that key after its commit, and every feed read checks it in the same round trip as the page's
 * counters ({@code ReadModel.Batch#guard}), so a copy older than a returned publish is never served.
 */
@Component
public class FeedIndex {
    public static final String CLOCK_KEY = "video:feed:clock";
    private static final Logger log = LoggerFactory.getLogger(FeedIndex.class);

    private final VideoMapper mapper;
    private final StringRedisTemplate redis;
    private final int size;
    private volatile Snapshot current;

    public FeedIndex(VideoMapper mapper, StringRedisTemplate redis, VideoProperties properties) {
        this.mapper = mapper;
        this.redis = redis;
        this.size = properties.feedIndexSize();
    }

    /** The newest videos, newest first, as of {@code clock}. */
    public record Snapshot(String clock, long[] ids, long[] times, boolean complete) {
        /**
         * Up to {@code limit} ids published strictly before {@code before}, newest first, or null when the page
         * reaches past the oldest video kept here (the caller then queries MySQL).
         */
        List<Long> page(long before, int limit) {
            int from = firstBefore(before);
            int to = Math.min(ids.length, from + limit);
            if (to - from < limit && !complete) {
                return null;
            }
            List<Long> page = new ArrayList<>(to - from);
            for (int i = from; i < to; i++) {
                page.add(ids[i]);
            }
            return page;
        }

        private int firstBefore(long before) {
            int low = 0;
            int high = times.length;
            while (low < high) {
                int mid = (low + high) >>> 1;
                if (times[mid] >= before) {
                    low = mid + 1;
                } else {
                    high = mid;
                }
            }
            return low;
        }
    }

    public Snapshot current() {
        Snapshot snapshot = current;
        return snapshot != null ? snapshot : reload();
    }

    /** Drops a copy that a guard found stale (unless a newer one replaced it meanwhile) and reads a fresh one. */
    public Snapshot replace(Snapshot stale) {
        synchronized (this) {
            if (current != stale && current != null) {
                return current;
            }
            current = null;
        }
        return reload();
    }

    /**
     * After a publish has committed. A new random value rather than INCR: after a flush INCR would count 1, 2, ...
     * again and could hand a copy read before the flush the very value it was tagged with.
     */
    public void published() {
        try {
            redis.opsForValue().set(CLOCK_KEY, randomClock());
        } catch (DataAccessException e) {
            // without Redis every feed read fails its guard and queries MySQL, so nothing stale is served meanwhile
            log.error("could not advance {} after a publish: {}", CLOCK_KEY, e.toString());
        }
    }

    private Snapshot reload() {
        String clock = readClock();
        if (clock == null) {
            // nothing to check a copy against (and a null tag would pass the guard of a Redis that comes back
            // empty): this request pages from MySQL, the next one tries Redis again
            return new Snapshot(null, new long[0], new long[0], false);
        }
        List<VideoStamp> newest = mapper.newest(size);
        long[] ids = new long[newest.size()];
        long[] times = new long[newest.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = newest.get(i).id();
            times[i] = newest.get(i).publishedAt();
        }
        Snapshot snapshot = new Snapshot(clock, ids, times, newest.size() < size);
        current = snapshot;
        return snapshot;
    }

    private static String randomClock() {
        return Long.toString(ThreadLocalRandom.current().nextLong(1L << 40, Long.MAX_VALUE));
    }

    /** Null without Redis. */
    private String readClock() {
        try {
            String clock = redis.opsForValue().get(CLOCK_KEY);
            if (clock == null) {
                // a flushed Redis (or one never written): a value no copy can have been tagged with
                redis.opsForValue().setIfAbsent(CLOCK_KEY, randomClock());
                clock = redis.opsForValue().get(CLOCK_KEY);
            }
            return clock;
        } catch (DataAccessException e) {
            log.warn("{} unreadable, the feed pages from MySQL meanwhile: {}", CLOCK_KEY, e.toString());
            return null;
        }
    }
}
