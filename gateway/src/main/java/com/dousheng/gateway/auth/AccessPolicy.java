package com.dousheng.gateway.auth;

import com.dousheng.gateway.throttle.Throttle;
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

    /** The contract's 16 endpoints, as the gateway normalises them (with the trailing slash), and their limits. */
    private static final Map<String, Endpoint> ENDPOINTS = Map.ofEntries(
            endpoint("/douyin/user/register/", PUBLIC, Throttle.REGISTER),
            endpoint("/douyin/user/login/", PUBLIC, Throttle.LOGIN),
            endpoint("/douyin/user/", REQUIRED, Throttle.NONE),
            endpoint("/douyin/feed/", OPTIONAL, Throttle.NONE),
            endpoint("/douyin/publish/action/", VERIFIED_BY_SERVICE, Throttle.WRITE),
            endpoint("/douyin/publish/list/", OPTIONAL, Throttle.NONE),
            endpoint("/douyin/favorite/action/", REQUIRED, Throttle.WRITE),
            endpoint("/douyin/favorite/list/", OPTIONAL, Throttle.NONE),
            endpoint("/douyin/comment/action/", REQUIRED, Throttle.WRITE),
            endpoint("/douyin/comment/list/", OPTIONAL, Throttle.NONE),
            endpoint("/douyin/relation/action/", REQUIRED, Throttle.WRITE),
            endpoint("/douyin/relation/follow/list/", OPTIONAL, Throttle.NONE),
            endpoint("/douyin/relation/follower/list/", OPTIONAL, Throttle.NONE),
            endpoint("/douyin/relation/friend/list/", REQUIRED, Throttle.NONE),
            endpoint("/douyin/message/action/", REQUIRED, Throttle.WRITE),
            endpoint("/douyin/message/chat/", REQUIRED, Throttle.NONE));

    private record Endpoint(AccessPolicy access, Throttle throttle) {
    }

    private static Map.Entry<String, Endpoint> endpoint(String path, AccessPolicy access, Throttle throttle) {
        return Map.entry(path, new Endpoint(access, throttle));
    }

    /**
     * @param path a normalised path (with its trailing slash); paths of no endpoint are public, so that they
     *             answer "no such endpoint" rather than "please log in"
     */
    public static AccessPolicy of(String path) {
        Endpoint endpoint = ENDPOINTS.get(path);
        return endpoint == null ? PUBLIC : endpoint.access();
    }

    /** Which limits requests to {@code path} (normalised) pay; none for paths of no endpoint. */
    public static Throttle throttleOf(String path) {
        Endpoint endpoint = ENDPOINTS.get(path);
        return endpoint == null ? Throttle.NONE : endpoint.throttle();
    }

    /** Whether {@code path} (normalised) is one of the contract's endpoints. */
    public static boolean isEndpoint(String path) {
        return ENDPOINTS.containsKey(path);
    }
}
