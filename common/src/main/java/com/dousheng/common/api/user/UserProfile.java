package com.dousheng.common.api.user;

/**
 * The part of a User that user-service owns, with the deployment's defaults already applied. Image fields are
 * paths or URLs as stored; the composing service makes them absolute for its caller.
 */
public record UserProfile(long id, String name, String avatar, String backgroundImage, String signature) {
}
