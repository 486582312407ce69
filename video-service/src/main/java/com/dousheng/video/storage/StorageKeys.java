package com.dousheng.video.storage;

import java.util.regex.Pattern;

/** The one rule for object keys, so that a key taken from a URL can never leave the storage root. */
public final class StorageKeys {
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final int MAX_LENGTH = 512;

    private StorageKeys() {
    }

    /** Slash-separated segments of letters, digits, '.', '_' and '-', none empty, none starting with a dot. */
    public static boolean isValid(String key) {
        if (key == null || key.isEmpty() || key.length() > MAX_LENGTH) {
            return false;
        }
        for (String segment : key.split("/", -1)) {
            if (!SEGMENT.matcher(segment).matches()) {
                return false;
            }
        }
        return true;
    }

    static String require(String key) {
        if (!isValid(key)) {
            throw new IllegalArgumentException("invalid storage key: " + key);
        }
        return key;
    }
}
