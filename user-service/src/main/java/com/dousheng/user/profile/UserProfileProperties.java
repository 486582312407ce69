package com.dousheng.user.profile;


import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Defaults and environment variables in application.yml.
 *
 * @param defaultAvatar     path or URL shown for users without their own avatar (served by video-service)
 * @param defaultBackground path or URL of the default profile banner
 * @param defaultSignature  bio shown for users who never wrote one
 */
@ConfigurationProperties("dousheng.user")
public record UserProfileProperties(String defaultAvatar, String defaultBackground, String defaultSignature) {
    public UserProfileProperties {
        // DOUSHENG_DEFAULT_SIGNATURE is empty by default; a profile must never show null
        defaultSignature = defaultSignature == null ? "" : defaultSignature;
    }
}
