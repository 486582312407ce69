package com.dousheng.common.remote;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.resource.ClientResources;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * dousheng-service-defaults.yml switches Boot's per-command observation of Lettuce off: the Redis client a service
 * gets has no tracing, although an ObservationRegistry is there (and the same application without the switch gets
 * one observation per command). No Redis is needed: the client connects on first use.
 */
class LettuceObservationSwitchTest {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
    }

    @Test
    void redisCommandsAreNotObservedWithTheServiceDefaults() {
        try (ConfigurableApplicationContext context = start()) {
            assertThat(context.getBeanProvider(ObservationRegistry.class).getIfAvailable()).isNotNull();
            assertThat(context.getBean(ClientResources.class).tracing().isEnabled()).isFalse();
        }
    }

    @Test
    void withoutTheSwitchBootWouldObserveEveryCommand() {
        try (ConfigurableApplicationContext context = start("--spring.autoconfigure.exclude=")) {
            assertThat(context.getBean(ClientResources.class).tracing().isEnabled()).isTrue();
        }
    }

    private static ConfigurableApplicationContext start(String... extra) {
        String[] args = new String[extra.length + 4];
        args[0] = "--spring.config.import=classpath:dousheng-service-defaults.yml";
        args[1] = "--spring.application.name=lettuce-switch-test";
        args[2] = "--dousheng.db-name=unused";
        args[3] = "--dousheng.jwt.secret=lettuce-switch-test-secret-0123456789abcdef0123456789";
        System.arraycopy(extra, 0, args, 4, extra.length);
        return new SpringApplicationBuilder(App.class).web(WebApplicationType.NONE).profiles("it").run(args);
    }
}
