package com.dousheng.user.profile;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param defaultAvatar     path or URL shown for users without their own avatar (served by video-service)
 * @param defaultBackground path or URL of the default profile banner
 * @param defaultSignature  bio shown for users who never wrote one
 * @param profileCacheTtl   how long a profile stays in Redis
 */
@ConfigurationProperties("dousheng.user")
public record UserProfileProperties(String defaultAvatar, String defaultBackground, String defaultSignature,
                                    Duration profileCacheTtl) {
    public UserProfileProperties {
        defaultSignature = defaultSignature == null ? "" : defaultSignature;
        profileCacheTtl = profileCacheTtl == null ? Duration.ofMinutes(10) : profileCacheTtl;
    }
}
