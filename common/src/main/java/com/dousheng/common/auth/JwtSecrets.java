package com.dousheng.common.auth;

import java.nio.charset.StandardCharsets;

/**
 * The rule a token signing key must pass before anything is signed with it: the public example values would let
 * anyone mint a token for any user, and HS256 wants at least 32 bytes of key.
 */
public final class JwtSecrets {
    public static final int MIN_BYTES = 32;
    /** The placeholder of deploy/.env.example (JwtSecretsTest checks that it is still the file's value). */
    static final String EXAMPLE_SECRET = "change-me-this-placeholder-jwt-secret-is-public-0123456789";
    private static final String HOW_TO_MAKE_ONE = "; make one with `head -c 48 /dev/urandom | base64`";

    private JwtSecrets() {
    }

    /** @throws IllegalStateException saying what is wrong with the key and how to make a good one */
    public static void requireUsable(String secret) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalStateException("DOUSHENG_JWT_SECRET (dousheng.jwt.secret) is not set" + HOW_TO_MAKE_ONE);
        }
        // .env.example asks to replace every "change-me"; a copy with only some characters edited is as public
        if (secret.equals(EXAMPLE_SECRET) || secret.contains("change-me")) {
            throw new IllegalStateException("DOUSHENG_JWT_SECRET is the example value from deploy/.env.example"
                    + HOW_TO_MAKE_ONE);
        }
        int bytes = secret.getBytes(StandardCharsets.UTF_8).length;
        if (bytes < MIN_BYTES) {
            throw new IllegalStateException("DOUSHENG_JWT_SECRET (dousheng.jwt.secret) is " + bytes
                    + " bytes long, it must be at least " + MIN_BYTES + " bytes in UTF-8" + HOW_TO_MAKE_ONE);
        }
    }
}
