package com.dousheng.common.api.interaction;

import java.util.List;

public record VideoStatsQuery(Long viewerId, List<Long> videoIds) {
}
