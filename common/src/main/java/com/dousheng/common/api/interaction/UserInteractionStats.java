package com.dousheng.common.api.interaction;

/**
 * @param favoriteCount  videos this user liked
 * @param totalFavorited likes received on this user's videos
 */
public record UserInteractionStats(long userId, long favoriteCount, long totalFavorited) {
}
