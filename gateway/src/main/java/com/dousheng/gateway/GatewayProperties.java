package com.dousheng.gateway;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * @param knownUserTtl how long a user id confirmed to exist is trusted without asking user-service again
 * @param maxFormBody  largest urlencoded body the gateway reads to find a token in it
 * @param unreachableInstancePause how long an instance that refused or dropped a connection is skipped
 */
@ConfigurationProperties("dousheng.gateway")
public record GatewayProperties(Duration knownUserTtl, DataSize maxFormBody, Duration unreachableInstancePause) {
    public GatewayProperties {
        knownUserTtl = knownUserTtl == null ? Duration.ofMinutes(10) : knownUserTtl;
        maxFormBody = maxFormBody == null ? DataSize.ofKilobytes(64) : maxFormBody;
        unreachableInstancePause = unreachableInstancePause == null ? Duration.ofSeconds(10) : unreachableInstancePause;
    }
}
