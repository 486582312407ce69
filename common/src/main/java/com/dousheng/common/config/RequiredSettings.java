package com.dousheng.common.config;

/**
 * Checks for the settings records: their defaults are in the yml files, so a value can only be missing when an
 * environment variable was set to nothing, which replaces the default. Fail at start rather than at first use.
 */
public final class RequiredSettings {
    private RequiredSettings() {
    }

    /** @return the value; throws naming the setting and its environment variable when it is missing */
    public static <T> T require(T value, String setting) {
        if (value == null) {
            throw new IllegalStateException(setting + " is not set; an empty environment variable replaces the"
                    + " default, so unset it or give it a value");
        }
        return value;
    }
}
