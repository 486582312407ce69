package com.dousheng.relation;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** @param countCacheTtl how long cached follow/follower counts live (they are invalidated on every change) */
@ConfigurationProperties("dousheng.relation")
public record RelationProperties(Duration countCacheTtl) {
}
