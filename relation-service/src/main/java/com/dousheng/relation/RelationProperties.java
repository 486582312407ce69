package com.dousheng.relation;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** @param listLimit most users a follow, follower or friend list shows (the newest), as the contract has no paging */
@ConfigurationProperties("dousheng.relation")
public record RelationProperties(int listLimit) {
    public RelationProperties {
        if (listLimit <= 0) {
            throw new IllegalArgumentException("dousheng.relation.list-limit (env DOUSHENG_RELATION_LIST_LIMIT)"
                    + " must be positive, was " + listLimit);
        }
    }
}
