package com.dousheng.interaction;

import static com.dousheng.common.config.RequiredSettings.require;

import java.time.Duration;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Defaults and environment variables in application.yml.
 *
 * @param commentTimeZone   zone whose calendar day a comment's {@code create_date} shows
 * @param counterTtl        how long a cached counter lives before it is recounted from MySQL
 * @param reconcileInterval how often cached counters are compared with the tables (counter/CounterReconcileJob)
 * @param listLimit         most entries a favorite or comment list returns (the contract has no paging)
 */
@ConfigurationProperties("dousheng.interaction")
public record InteractionProperties(ZoneId commentTimeZone, Duration counterTtl, Duration reconcileInterval,
                                    int listLimit) {
    public InteractionProperties {
        require(commentTimeZone, "dousheng.interaction.comment-time-zone (env DOUSHENG_COMMENT_TIME_ZONE)");
        require(counterTtl, "dousheng.interaction.counter-ttl (env DOUSHENG_COUNTER_TTL)");
        require(reconcileInterval, "dousheng.interaction.reconcile-interval (env DOUSHENG_COUNTER_RECONCILE_INTERVAL)");
        if (listLimit <= 0) {
            throw new IllegalArgumentException("dousheng.interaction.list-limit (env DOUSHENG_INTERACTION_LIST_LIMIT)"
                    + " must be positive, was " + listLimit);
        }
    }
}
