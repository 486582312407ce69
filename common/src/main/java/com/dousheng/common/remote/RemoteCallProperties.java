package com.dousheng.common.remote;

import static com.dousheng.common.config.RequiredSettings.require;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code dousheng.remote}: how every internal (Feign) call is made. Defaults and env names in common's
 * dousheng-service-defaults.yml, which also hands the timeouts and the pool size to Spring Cloud OpenFeign's own
 * keys ({@code spring.cloud.openfeign.*}); the circuit breaker and the retry on another instance are configured next
 * to them ({@code resilience4j.circuitbreaker.*}, {@code spring.cloud.loadbalancer.retry.*}).
 *
 * @param connectTimeout          to open a connection to an instance (env {@code DOUSHENG_REMOTE_CONNECT_TIMEOUT},
 *                                milliseconds); also the longest wait for a free pooled connection
 * @param readTimeout             for the answer once the request is sent (env {@code DOUSHENG_REMOTE_READ_TIMEOUT},
 *                                milliseconds); never retried: a slow leaf meets this and then the breaker
 * @param maxConnectionsPerInstance pooled connections kept per callee instance (env {@code DOUSHENG_REMOTE_POOL_SIZE})
 * @param validateAfterInactivity a pooled connection idle this long is checked before reuse, so that one the callee
 *                                closed (restart, kill, its keep-alive timeout) is dropped instead of failing a call
 * @param maxIdle                 pooled connections idle this long are closed (below Tomcat's 60 s keep-alive)
 */
@ConfigurationProperties("dousheng.remote")
public record RemoteCallProperties(Duration connectTimeout, Duration readTimeout, int maxConnectionsPerInstance,
                                   Duration validateAfterInactivity, Duration maxIdle) {
    public RemoteCallProperties {
        // the defaults live in dousheng-service-defaults.yml only
        require(connectTimeout, "dousheng.remote.connect-timeout (env DOUSHENG_REMOTE_CONNECT_TIMEOUT)");
        require(readTimeout, "dousheng.remote.read-timeout (env DOUSHENG_REMOTE_READ_TIMEOUT)");
        require(validateAfterInactivity, "dousheng.remote.validate-after-inactivity");
        require(maxIdle, "dousheng.remote.max-idle");
        if (maxConnectionsPerInstance <= 0) {
            throw new IllegalArgumentException("dousheng.remote.max-connections-per-instance (env "
                    + "DOUSHENG_REMOTE_POOL_SIZE) must be positive, was " + maxConnectionsPerInstance);
        }
    }
}
