package com.dousheng.user.profile;

/** The part of a User that user-service owns; null avatar/background/signature mean the deployment defaults. */
public record CachedProfile(long id, String name, String avatar, String backgroundImage, String signature) {
}
