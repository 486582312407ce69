package com.dousheng.common.api.interaction;

public record VideoCounts(long videoId, long favoriteCount, long commentCount) {
}
