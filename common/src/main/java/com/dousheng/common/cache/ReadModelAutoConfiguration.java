package com.dousheng.common.cache;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.core.StringRedisTemplate;

@AutoConfiguration(afterName = {
        "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration"})
@ConditionalOnClass(StringRedisTemplate.class)
@EnableConfigurationProperties(CacheProperties.class)
public class ReadModelAutoConfiguration {

    @Bean
    @ConditionalOnBean({StringRedisTemplate.class, MeterRegistry.class})
    public ReadModel readModel(StringRedisTemplate redis, CacheProperties properties, MeterRegistry meters) {
        return new ReadModel(redis, properties, meters);
    }
}
