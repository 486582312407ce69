package com.dousheng.common.auth;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Defaults and environment variables in common's dousheng-shared.yml.
 *
 * @param secret   HMAC key, at least 32 bytes; comes from the environment (DOUSHENG_JWT_SECRET), never from the repo
 * @param lifetime how long an issued token stays valid
 */
@ConfigurationProperties("dousheng.jwt")
public record JwtProperties(String secret, Duration lifetime) {
}
