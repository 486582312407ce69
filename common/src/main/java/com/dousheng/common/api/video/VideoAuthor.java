package com.dousheng.common.api.video;

public record VideoAuthor(long videoId, long authorId) {
}
