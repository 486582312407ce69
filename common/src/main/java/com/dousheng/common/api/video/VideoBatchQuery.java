package com.dousheng.common.api.video;

import java.util.List;

/** Many videos as one viewer sees them; {@code viewerId} is null for an anonymous viewer. */
public record VideoBatchQuery(Long viewerId, List<Long> videoIds) {
}
