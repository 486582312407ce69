package com.dousheng.gateway.observability;

import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.cloud.gateway.filter.headers.observation.DefaultGatewayObservationConvention;
import org.springframework.cloud.gateway.filter.headers.observation.GatewayObservationConvention;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;

/** Metric names and instrumentation of the gateway's outgoing calls. */
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

    /**
     * The gateway builds its own load-balanced {@link WebClient.Builder}, which Boot leaves uninstrumented:
     * observe it, so that the gateway's own calls (KnownUsers asking user-service) continue the request's trace and
     * are timed in {@code http.client.requests} like every other internal call.
     */
    @Bean
    static BeanPostProcessor observedWebClientBuilders(ObjectProvider<ObservationRegistry> registry) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof WebClient.Builder builder) {
                    ObservationRegistry observations = registry.getIfAvailable();
                    if (observations != null) {
                        builder.observationRegistry(observations);
                    }
                }
                return bean;
            }
        };
    }
}
