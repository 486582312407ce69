package com.dousheng.gateway.auth;

import java.util.Set;

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

    private static final Set<String> REQUIRED_PATHS = Set.of("/douyin/user/", "/douyin/favorite/action/",
            "/douyin/comment/action/", "/douyin/relation/action/", "/douyin/relation/friend/list/",
            "/douyin/message/action/", "/douyin/message/chat/");
    private static final Set<String> OPTIONAL_PATHS = Set.of("/douyin/feed/", "/douyin/publish/list/",
            "/douyin/favorite/list/", "/douyin/comment/list/", "/douyin/relation/follow/list/",
            "/douyin/relation/follower/list/");
    private static final String UPLOAD_PATH = "/douyin/publish/action/";

    /**
     * @param path a normalised path (with its trailing slash); paths of no endpoint are public, so that they
     *             answer "no such endpoint" rather than "please log in"
     */
    public static AccessPolicy of(String path) {
        if (REQUIRED_PATHS.contains(path)) {
            return REQUIRED;
        }
        if (OPTIONAL_PATHS.contains(path)) {
            return OPTIONAL;
        }
        if (UPLOAD_PATH.equals(path)) {
            return VERIFIED_BY_SERVICE;
        }
        return PUBLIC;
    }
}
