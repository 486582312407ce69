package com.dousheng.common.api.relation;

import java.util.List;

public record FollowQuery(long viewerId, List<Long> userIds) {
}
