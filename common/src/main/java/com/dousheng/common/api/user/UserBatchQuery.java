package com.dousheng.common.api.user;

import java.util.List;

/** Many users as one viewer sees them; {@code viewerId} is null for an anonymous viewer. */
public record UserBatchQuery(Long viewerId, List<Long> userIds) {
}
