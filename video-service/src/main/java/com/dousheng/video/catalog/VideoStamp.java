package com.dousheng.video.catalog;

/** A video's place in the feed: its id and its unique publish time. */
public record VideoStamp(long id, long publishedAt) {
}
