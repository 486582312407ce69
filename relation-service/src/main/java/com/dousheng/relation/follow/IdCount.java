package com.dousheng.relation.follow;

/** One row of a per-user count. */
public record IdCount(Long userId, Long total) {
}
