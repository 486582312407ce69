package com.dousheng.common.api.video;

public record UserWorkCount(long userId, long workCount) {
}
