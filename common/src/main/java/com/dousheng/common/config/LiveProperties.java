package com.dousheng.common.config;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * A properties record that follows the Environment: bound from {@code prefix} at start, and bound again whenever
 * a key under {@code prefix} changes (a Nacos config push, {@code /actuator/refresh}). Records bound by
 * {@code @ConfigurationProperties} cannot be rebound in place, so settings that must change without a restart are
 * read through one of these instead; declare it as a bean so that it receives the change events.
 */
public final class LiveProperties<T> implements ApplicationListener<EnvironmentChangeEvent> {
    private final ConfigurableEnvironment environment;
    private final String prefix;
    private final Class<T> type;
    private final List<Consumer<T>> listeners = new CopyOnWriteArrayList<>();
    private volatile T current;

    public LiveProperties(ConfigurableEnvironment environment, String prefix, Class<T> type) {
        this.environment = environment;
        this.prefix = prefix;
        this.type = type;
        this.current = bind();
    }

    public T get() {
        return current;
    }

    /** Runs {@code listener} after every change of the bound value (not for the value bound at start). */
    public void onChange(Consumer<T> listener) {
        listeners.add(listener);
    }

    @Override
    public void onApplicationEvent(EnvironmentChangeEvent event) {
        if (event.getKeys().stream().noneMatch(key -> key.startsWith(prefix))) {
            return;
        }
        T next = bind();
        if (!Objects.equals(next, current)) {
            current = next;
            listeners.forEach(listener -> listener.accept(next));
        }
    }

    private T bind() {
        return Binder.get(environment).bindOrCreate(prefix, type);
    }
}
