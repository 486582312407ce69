package com.dousheng.gateway.auth;

import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;

@Configuration(proxyBeanMethods = false)
public class LoadBalancedClientConfiguration {

    /**
     * Observed, so that the gateway's own calls (KnownUsers asking user-service) continue the request's trace and
     * are timed in {@code http.client.requests} like every other internal call; Boot leaves a builder the
     * application makes itself uninstrumented.
     */
    @Bean
    @LoadBalanced
    public WebClient.Builder loadBalancedWebClientBuilder(ObjectProvider<ObservationRegistry> observations) {
        WebClient.Builder builder = WebClient.builder();
        observations.ifAvailable(builder::observationRegistry);
        return builder;
    }
}
