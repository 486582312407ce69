package com.dousheng.common.api.message;

import java.util.List;

public record LatestMessageQuery(long viewerId, List<Long> peerIds) {
}
