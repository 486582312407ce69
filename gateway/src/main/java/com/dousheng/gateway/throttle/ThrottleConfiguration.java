package com.dousheng.gateway.throttle;

import com.dousheng.common.config.LiveProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;

@Configuration(proxyBeanMethods = false)
class ThrottleConfiguration {
    /** A bean, so that a Nacos push or /actuator/refresh (an EnvironmentChangeEvent) rebinds the limits. */
    @Bean
    LiveProperties<ThrottleProperties> throttleProperties(ConfigurableEnvironment environment) {
        return new LiveProperties<>(environment, "dousheng.gateway.throttle", ThrottleProperties.class);
    }
}
