package com.dousheng.common.testsupport;

import java.lang.reflect.Method;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The leaf rule (issue 10): an {@code /internal/**} handler answers from its own service's data and calls no other
 * service. This walks a Spring context's dependency graph ({@link ConfigurableListableBeanFactory#getDependenciesForBean},
 * transitively) from every {@link RestController} with a mapping under {@code /internal} and reports every
 * reachable bean that is a Feign client of another service (a Feign proxy or the Mockito mock standing in for
 * one). The service's own interface is allowed: its internal controller implements it, and that is the local bean.
 *
 * <p>It sees what was injected; {@code common/.../web/LeafGuard} refuses at run time what a lookup by other means
 * would still reach.
 */
public final class LeafRule {
    public static final String INTERNAL_PREFIX = "/internal";

    private LeafRule() {
    }

    /**
     * Fails when a bean reachable from an internal handler is a Feign client other than {@code ownInterface}.
     *
     * @return the internal handlers checked, so that a caller can assert the check did not pass vacuously
     */
    public static List<String> assertInternalHandlersAreLeaves(ConfigurableListableBeanFactory beans,
                                                               Class<?> ownInterface) {
        List<String> handlers = internalHandlers(beans);
        List<String> violations = new ArrayList<>();
        for (String handler : handlers) {
            feignClientsReachableFrom(beans, handler, ownInterface).forEach((path, clients) ->
                    violations.add(handler + " reaches " + clients + " through " + path));
        }
        if (!violations.isEmpty()) {
            throw new AssertionError("internal APIs must be leaves (no call to another service), but:\n  "
                    + String.join("\n  ", violations));
        }
        return handlers;
    }

    /** Names of the {@link RestController} beans with at least one mapping under {@value #INTERNAL_PREFIX}. */
    public static List<String> internalHandlers(ConfigurableListableBeanFactory beans) {
        List<String> handlers = new ArrayList<>();
        for (String name : beans.getBeanNamesForAnnotation(RestController.class)) {
            Class<?> type = beans.getType(name);
            if (type != null && mapsUnderInternal(ClassUtils.getUserClass(type))) {
                handlers.add(name);
            }
        }
        return handlers;
    }

    /**
     * Beans reachable from {@code start} that are Feign clients other than {@code allowed} (may be null), each keyed
     * by the chain of bean names that leads to it and mapped to the foreign client interfaces it implements.
     */
    public static Map<String, Set<Class<?>>> feignClientsReachableFrom(ConfigurableListableBeanFactory beans,
                                                                      String start, Class<?> allowed) {
        Map<String, Set<Class<?>>> found = new LinkedHashMap<>();
        Map<String, String> reachedFrom = new LinkedHashMap<>();
        Deque<String> queue = new ArrayDeque<>();
        reachedFrom.put(start, null);
        queue.add(start);
        while (!queue.isEmpty()) {
            String name = queue.poll();
            Set<Class<?>> clients = feignInterfaces(beans, name);
            clients.remove(allowed);
            if (!clients.isEmpty()) {
                found.put(chain(reachedFrom, name), clients);
                continue;
            }
            for (String dependency : beans.getDependenciesForBean(name)) {
                if (!reachedFrom.containsKey(dependency)) {
                    reachedFrom.put(dependency, name);
                    queue.add(dependency);
                }
            }
        }
        return found;
    }

    /** Every bean reachable from {@code start}, itself included (for asserting the walk went somewhere). */
    public static Set<String> reachableFrom(ConfigurableListableBeanFactory beans, String start) {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> queue = new ArrayDeque<>(List.of(start));
        while (!queue.isEmpty()) {
            String name = queue.poll();
            if (seen.add(name)) {
                queue.addAll(List.of(beans.getDependenciesForBean(name)));
            }
        }
        return seen;
    }

    private static Set<Class<?>> feignInterfaces(ConfigurableListableBeanFactory beans, String name) {
        Set<Class<?>> clients = new LinkedHashSet<>();
        Class<?> type = beans.containsBean(name) ? beans.getType(name) : null;
        if (type == null) {
            return clients;
        }
        Set<Class<?>> candidates = new LinkedHashSet<>(ClassUtils.getAllInterfacesForClassAsSet(type));
        if (type.isInterface()) {
            candidates.add(type);
        }
        for (Class<?> candidate : candidates) {
            if (candidate.isAnnotationPresent(FeignClient.class)) {
                clients.add(candidate);
            }
        }
        return clients;
    }

    private static boolean mapsUnderInternal(Class<?> type) {
        List<String> prefixes = paths(AnnotatedElementUtils.findMergedAnnotation(type, RequestMapping.class));
        if (prefixes.isEmpty()) {
            prefixes = List.of("");
        }
        List<String> methodPaths = new ArrayList<>();
        for (Method method : ReflectionUtils.getUniqueDeclaredMethods(type, ReflectionUtils.USER_DECLARED_METHODS)) {
            RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(method, RequestMapping.class);
            if (mapping != null) {
                List<String> paths = paths(mapping);
                methodPaths.addAll(paths.isEmpty() ? List.of("") : paths);
            }
        }
        if (methodPaths.isEmpty()) {
            methodPaths.add("");
        }
        for (String prefix : prefixes) {
            for (String path : methodPaths) {
                String full = join(prefix, path);
                if (full.equals(INTERNAL_PREFIX) || full.startsWith(INTERNAL_PREFIX + "/")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static List<String> paths(RequestMapping mapping) {
        if (mapping == null) {
            return List.of();
        }
        Set<String> paths = new LinkedHashSet<>(List.of(mapping.path()));
        paths.addAll(List.of(mapping.value()));
        return new ArrayList<>(paths);
    }

    private static String join(String prefix, String path) {
        String left = prefix.startsWith("/") || prefix.isEmpty() ? prefix : "/" + prefix;
        if (path.isEmpty()) {
            return left;
        }
        return left + (path.startsWith("/") ? path : "/" + path);
    }

    private static String chain(Map<String, String> reachedFrom, String end) {
        Deque<String> names = new ArrayDeque<>();
        for (String at = end; at != null; at = reachedFrom.get(at)) {
            names.addFirst(at);
        }
        return String.join(" -> ", names);
    }
}
