package com.dousheng.gateway.auth;

import java.util.Map;

/** Which endpoints need a token (API.md 1.3): lists readable logged out take it only to personalise the answer. */
public enum AccessPolicy {
    /** No token is read at all (register, login, media, and paths of no endpoint). */
    PUBLIC,
    /** A valid token identifies the viewer; a missing or bad one means anonymous. */
    OPTIONAL,
    /** Refused without a valid token. */
    REQUIRED,
    /** Multipart upload: the token travels as a part, which video-service verifies with the same verifier. */
    VERIFIED_BY_SERVICE;

    /** The contract's 16 endpoints, as the gateway normalises them (with the trailing slash). */
    private static final Map<String, AccessPolicy> ENDPOINTS = Map.ofEntries(
            Map.entry("/douyin/user/register/", PUBLIC),
            Map.entry("/douyin/user/login/", PUBLIC),
            Map.entry("/douyin/user/", REQUIRED),
            Map.entry("/douyin/feed/", OPTIONAL),
            Map.entry("/douyin/publish/action/", VERIFIED_BY_SERVICE),
            Map.entry("/douyin/publish/list/", OPTIONAL),
            Map.entry("/douyin/favorite/action/", REQUIRED),
            Map.entry("/douyin/favorite/list/", OPTIONAL),
            Map.entry("/douyin/comment/action/", REQUIRED),
            Map.entry("/douyin/comment/list/", OPTIONAL),
            Map.entry("/douyin/relation/action/", REQUIRED),
            Map.entry("/douyin/relation/follow/list/", OPTIONAL),
            Map.entry("/douyin/relation/follower/list/", OPTIONAL),
            Map.entry("/douyin/relation/friend/list/", REQUIRED),
            Map.entry("/douyin/message/action/", REQUIRED),
            Map.entry("/douyin/message/chat/", REQUIRED));

    /**
     * @param path a normalised path (with its trailing slash); paths of no endpoint are public, so that they
     *             answer "no such endpoint" rather than "please log in"
     */
    public static AccessPolicy of(String path) {
        return ENDPOINTS.getOrDefault(path, PUBLIC);
    }

    /** Whether {@code path} (normalised) is one of the contract's endpoints. */
    public static boolean isEndpoint(String path) {
        return ENDPOINTS.containsKey(path);
    }
}
