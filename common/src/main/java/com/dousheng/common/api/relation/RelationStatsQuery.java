package com.dousheng.common.api.relation;

import java.util.List;

public record RelationStatsQuery(Long viewerId, List<Long> userIds) {
}
