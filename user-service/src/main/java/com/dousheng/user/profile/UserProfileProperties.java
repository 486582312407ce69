package com.dousheng.user.profile;

import static com.dousheng.common.config.RequiredSettings.require;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Defaults and environment variables in application.yml.
 *
 * @param defaultAvatar     path or URL shown for users without their own avatar (served by video-service)
 * @param defaultBackground path or URL of the default profile banner
 * @param defaultSignature  bio shown for users who never wrote one
 * @param profileCacheTtl   how long a profile stays in Redis
 */
@ConfigurationProperties("dousheng.user")
public record UserProfileProperties(String defaultAvatar, String defaultBackground, String defaultSignature,
                                    Duration profileCacheTtl) {
    public UserProfileProperties {
        // DOUSHENG_DEFAULT_SIGNATURE is empty by default; a profile must never show null
        defaultSignature = defaultSignature == null ? "" : defaultSignature;
        require(profileCacheTtl, "dousheng.user.profile-cache-ttl");
    }
}
