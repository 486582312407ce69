package com.dousheng.common.api.interaction;

import java.util.List;

public record LikeQuery(long viewerId, List<Long> videoIds) {
}
