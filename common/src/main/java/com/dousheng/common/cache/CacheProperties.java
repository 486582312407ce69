package com.dousheng.common.cache;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param mutableTtl   how long a counter or flag (and the tombstone a write leaves) stays in Redis; it only bounds
 *                     how long a value could outlive a writer that died between its commit and its invalidation
 * @param immutableTtl how long a row that never changes stays in Redis
 * @param nearEntries  immutable values kept in each process's memory
 */
@ConfigurationProperties("dousheng.cache")
public record CacheProperties(Duration mutableTtl, Duration immutableTtl, int nearEntries) {
}
