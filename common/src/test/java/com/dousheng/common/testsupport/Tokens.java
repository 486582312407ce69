package com.dousheng.common.testsupport;

/** Token helpers for tests that must see a forged token refused. */
public final class Tokens {
    private Tokens() {
    }

    /**
     * The token with one character in the middle of its signature changed to another base64url character. Every
     * bit of a middle character is part of the signature's bytes, so the result can never verify; changing the
     * last characters instead can (the final base64url character carries unused bits: about one run in 1,024
     * replaced the tail with an equivalent one).
     */
    public static String tampered(String token) {
        int signatureStart = token.lastIndexOf('.') + 1;
        int middle = signatureStart + (token.length() - signatureStart) / 2;
        char replacement = token.charAt(middle) == 'A' ? 'B' : 'A';
        return token.substring(0, middle) + replacement + token.substring(middle + 1);
    }
}
