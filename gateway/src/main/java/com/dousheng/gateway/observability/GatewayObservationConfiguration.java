package com.dousheng.gateway.observability;

import org.springframework.cloud.gateway.filter.headers.observation.DefaultGatewayObservationConvention;
import org.springframework.cloud.gateway.filter.headers.observation.GatewayObservationConvention;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The metric name of the requests the gateway proxies. */
@Configuration(proxyBeanMethods = false)
public class GatewayObservationConfiguration {
    /** Proxied requests, per route: the gateway's own name, see {@link #proxiedRequests()}. */
    public static final String PROXY_REQUESTS = "gateway.proxy.requests";

    /**
     * Spring Cloud Gateway would time proxied requests as {@code http.client.requests} with its own tag keys;
     * Prometheus accepts one set of tag keys per name, and {@code http.client.requests} is the gateway's own
     * calls with the same tags as the services' Feign calls. Proxied requests get their own name.
     */
    @Bean
    GatewayObservationConvention proxiedRequests() {
        return new DefaultGatewayObservationConvention() {
            @Override
            public String getName() {
                return PROXY_REQUESTS;
            }
        };
    }
}
