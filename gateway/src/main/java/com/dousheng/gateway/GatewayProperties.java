package com.dousheng.gateway;

import static com.dousheng.common.config.RequiredSettings.require;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Defaults in the gateway's application.yml.
 *
 * @param knownUserTtl how long a user id confirmed to exist is trusted without asking user-service again
 * @param maxFormBody  largest urlencoded body the gateway reads to find a token in it
 * @param unreachableInstancePause how long an instance that refused or dropped a connection is skipped
 */
@ConfigurationProperties("dousheng.gateway")
public record GatewayProperties(Duration knownUserTtl, DataSize maxFormBody, Duration unreachableInstancePause) {
    public GatewayProperties {
        require(knownUserTtl, "dousheng.gateway.known-user-ttl");
        require(maxFormBody, "dousheng.gateway.max-form-body");
        require(unreachableInstancePause, "dousheng.gateway.unreachable-instance-pause"
                + " (env GATEWAY_UNREACHABLE_INSTANCE_PAUSE)");
    }
}
