package com.dousheng.common.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class LivePropertiesTest {
    record Limits(@DefaultValue("5") int perMinute, @DefaultValue("on") String mode) { }

    private final StandardEnvironment environment = new StandardEnvironment();
    private final Map<String, Object> values = new HashMap<>();

    LivePropertiesTest() {
        environment.getPropertySources().addFirst(new MapPropertySource("test", values));
    }

    @Test
    void bindsDefaultsThenFollowsChangedKeysUnderItsPrefix() {
        values.put("dousheng.limits.per-minute", "7");
        LiveProperties<Limits> live = new LiveProperties<>(environment, "dousheng.limits", Limits.class);
        List<Limits> seen = new ArrayList<>();
        live.onChange(seen::add);
        assertThat(live.get()).isEqualTo(new Limits(7, "on"));

        values.put("dousheng.limits.per-minute", "9");
        live.onApplicationEvent(new EnvironmentChangeEvent(Set.of("dousheng.limits.per-minute")));

        assertThat(live.get()).isEqualTo(new Limits(9, "on"));
        assertThat(seen).containsExactly(new Limits(9, "on"));
    }

    @Test
    void ignoresChangesOutsideItsPrefixAndEventsThatChangeNothing() {
        LiveProperties<Limits> live = new LiveProperties<>(environment, "dousheng.limits", Limits.class);
        List<Limits> seen = new ArrayList<>();
        live.onChange(seen::add);

        values.put("dousheng.limits.per-minute", "3");
        live.onApplicationEvent(new EnvironmentChangeEvent(Set.of("dousheng.other")));
        assertThat(live.get().perMinute()).isEqualTo(5);

        live.onApplicationEvent(new EnvironmentChangeEvent(Set.of("dousheng.limits.mode")));
        live.onApplicationEvent(new EnvironmentChangeEvent(Set.of("dousheng.limits.mode")));
        assertThat(seen).containsExactly(new Limits(3, "on"));
    }
}
