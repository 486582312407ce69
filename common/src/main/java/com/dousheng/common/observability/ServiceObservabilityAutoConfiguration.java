package com.dousheng.common.observability;

import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** What the services add to Boot's tracing and metrics: their access log and observed Feign calls. */
@AutoConfiguration
public class ServiceObservabilityAutoConfiguration {

    /** The access log of every servlet service; {@code dousheng.access-log.enabled=false} turns it off. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnProperty(name = "dousheng.access-log.enabled", matchIfMissing = true)
    static class AccessLogConfiguration {
        /** Just inside Boot's ServerHttpObservationFilter (HIGHEST_PRECEDENCE + 1), whose span is then current. */
        static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 2;

        @Bean
        FilterRegistrationBean<AccessLogFilter> accessLogFilter(ObjectProvider<Tracer> tracer) {
            FilterRegistrationBean<AccessLogFilter> registration =
                    new FilterRegistrationBean<>(new AccessLogFilter(tracer));
            registration.setOrder(ORDER);
            return registration;
        }
    }

    /** Picked up by every Feign client (Spring Cloud OpenFeign adds Capability beans to its builders). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "feign.Capability")
    @ConditionalOnMissingClass("feign.micrometer.MicrometerObservationCapability")
    static class FeignObservationConfiguration {

        @Bean
        ObservedFeignCapability observedFeignCapability(ObjectProvider<ObservationRegistry> registry) {
            return new ObservedFeignCapability(registry.getIfAvailable(() -> ObservationRegistry.NOOP));
        }
    }
}
