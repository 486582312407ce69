package com.dousheng.common.auth;

/** Headers that only the gateway may set; it strips any copy a client sends. */
public final class AuthHeaders {
    /** Id of the authenticated caller, set by the gateway after it verified the token. */
    public static final String USER_ID = "X-Dousheng-User-Id";
    /** Scheme, host and port the client used, so that services can build URLs the phone can open. */
    public static final String FORWARDED_BASE_URL = "X-Dousheng-Base-Url";

    private AuthHeaders() {
    }
}
