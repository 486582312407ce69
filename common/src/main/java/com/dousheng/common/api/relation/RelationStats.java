package com.dousheng.common.api.relation;

/** @param followedByViewer whether the query's viewer follows this user (false when anonymous or self) */
public record RelationStats(long userId, long followCount, long followerCount, boolean followedByViewer) {
    public static RelationStats empty(long userId) {
        return new RelationStats(userId, 0, 0, false);
    }
}
