package com.dousheng.common.api.relation;

public record RelationCounts(long userId, long followCount, long followerCount) {
}
