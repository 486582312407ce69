package com.dousheng.relation;

import static com.dousheng.common.config.RequiredSettings.require;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** @param countCacheTtl how long cached follow/follower counts live (they are invalidated on every change) */
@ConfigurationProperties("dousheng.relation")
public record RelationProperties(Duration countCacheTtl) {
    public RelationProperties {
        require(countCacheTtl, "dousheng.relation.count-cache-ttl (env RELATION_COUNT_CACHE_TTL)");
    }
}
