package com.dousheng.common.remote;

import feign.Target;
import java.lang.reflect.Method;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.openfeign.CircuitBreakerNameResolver;
import org.springframework.cloud.openfeign.clientconfig.HttpClient5FeignConfiguration.HttpClientBuilderCustomizer;
import org.springframework.cloud.openfeign.clientconfig.HttpClient5FeignConfiguration.HttpClientConnectionManagerBuilderCustomizer;
import org.springframework.cloud.openfeign.support.FeignHttpClientProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The parts of the internal-call policy that have no Spring Cloud property (the rest is in
 * dousheng-service-defaults.yml): the HttpClient 5 pool's hygiene and one circuit breaker per callee.
 */
@AutoConfiguration(beforeName = "org.springframework.cloud.openfeign.FeignAutoConfiguration")
@ConditionalOnClass(name = "feign.Feign")
@EnableConfigurationProperties(RemoteCallProperties.class)
public class RemoteCallAutoConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "feign.hc5.ApacheHttp5Client")
    static class PooledClientConfiguration {

        /**
         * HttpClient's own retry is off: it would resend a call on the same connection after a second (a 503, a
         * dropped idle connection of a GET), while retries belong to the load balancer, which picks another instance
         * and only for failures that are cheap to repeat.
         */
        @Bean
        HttpClientBuilderCustomizer remoteCallHttpClientCustomizer(RemoteCallProperties remote) {
            return builder -> builder.disableAutomaticRetries()
                    .evictIdleConnections(TimeValue.of(remote.maxIdle()));
        }

        /** Replaces the pool's default connection settings (Spring Cloud sets only the time to live in them). */
        @Bean
        HttpClientConnectionManagerBuilderCustomizer remoteCallConnectionManagerCustomizer(
                RemoteCallProperties remote, FeignHttpClientProperties httpClient) {
            return builder -> builder.setDefaultConnectionConfig(ConnectionConfig.custom()
                    .setConnectTimeout(Timeout.of(remote.connectTimeout()))
                    .setSocketTimeout(Timeout.of(remote.readTimeout()))
                    .setValidateAfterInactivity(TimeValue.of(remote.validateAfterInactivity()))
                    .setTimeToLive(TimeValue.of(httpClient.getTimeToLive(), httpClient.getTimeToLiveUnit()))
                    .build());
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.cloud.client.circuitbreaker.CircuitBreakerFactory")
    static class CircuitBreakerConfiguration {

        /**
         * One breaker per callee service ({@code video-service}, ...) rather than Spring Cloud's one per Feign method:
         * a slow or dead service fails fast on every endpoint once it has failed often enough on any of them.
         */
        @Bean
        CircuitBreakerNameResolver perServiceCircuitBreakerNames() {
            return RemoteCallAutoConfiguration::circuitBreakerName;
        }
    }

    static String circuitBreakerName(String feignClientName, Target<?> target, Method method) {
        return target.name();
    }
}
