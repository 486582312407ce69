package com.dousheng.gateway.routing;

import com.dousheng.gateway.GatewayProperties;
import com.dousheng.gateway.error.Causes;
import com.dousheng.gateway.observability.TraceLogging;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.CompletionContext;
import org.springframework.cloud.client.loadbalancer.LoadBalancerLifecycle;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.client.loadbalancer.RequestDataContext;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.stereotype.Component;

/**
 * Instances the gateway could not reach lately (connection refused, reset or closed unanswered), skipped by the
 * balancer for a short pause. Nacos drops a stopped or killed instance within a second or two, but until the
 * balancer's copy of the list catches up, round robin keeps choosing it, and a read's retries can all land on
 * it when other requests interleave; skipping it after its first failure sends the retry to a live instance.
 * Timeouts and 5xx answers do not count: the instance is there, only slow or failing that request.
 *
 * <p>Fed by the balancer itself: Spring Cloud LoadBalancer reports every completed exchange to the
 * {@link LoadBalancerLifecycle} beans, for the routes and for the gateway's own load-balanced WebClient.
 */
@Component
public class UnreachableInstances implements LoadBalancerLifecycle<Object, Object, ServiceInstance> {
    private static final Logger log = LoggerFactory.getLogger(UnreachableInstances.class);

    private final Map<String, Long> skippedUntilNanos = new ConcurrentHashMap<>();
    private final long pauseNanos;
    private final LongSupplier nanoTime;
    private final TraceLogging traceLogging;

    @Autowired
    public UnreachableInstances(GatewayProperties properties, TraceLogging traceLogging) {
        this(properties.unreachableInstancePause(), System::nanoTime, traceLogging);
    }

    UnreachableInstances(Duration pause, LongSupplier nanoTime, TraceLogging traceLogging) {
        this.pauseNanos = pause.toNanos();
        this.nanoTime = nanoTime;
        this.traceLogging = traceLogging;
    }

    /** The instances worth trying: all of them but those unreachable lately, or all of them if none is left. */
    public List<ServiceInstance> reachable(List<ServiceInstance> instances) {
        if (skippedUntilNanos.isEmpty()) {
            return instances;
        }
        long now = nanoTime.getAsLong();
        // expired entries go here, also those of instances that have left the lists, so the map empties again
        skippedUntilNanos.values().removeIf(until -> now - until >= 0);
        List<ServiceInstance> reachable = instances.stream()
                .filter(instance -> !skippedUntilNanos.containsKey(key(instance))).toList();
        // skipping every instance would turn a guess into a certain failure
        return reachable.isEmpty() ? instances : reachable;
    }

    /** Forgets every failure, so that each instance is tried again. */
    public void forgetAll() {
        skippedUntilNanos.clear();
    }

    @Override
    public void onComplete(CompletionContext<Object, ServiceInstance, Object> completion) {
        Response<ServiceInstance> chosen = completion.getLoadBalancerResponse();
        if (completion.status() != CompletionContext.Status.FAILED || chosen == null || !chosen.hasServer()
                || !isConnectionFailure(completion.getThrowable())) {
            return;
        }
        ServiceInstance instance = chosen.getServer();
        long now = nanoTime.getAsLong();
        Long previous = skippedUntilNanos.put(key(instance), now + pauseNanos);
        if (previous == null || now - previous >= 0) {
            Map<String, Object> attributes = completion.getLoadBalancerRequest() != null
                    && completion.getLoadBalancerRequest().getContext() instanceof RequestDataContext request
                    ? request.getClientRequest().getAttributes() : Map.of();
            traceLogging.log(attributes, () -> log.warn("{} at {}:{} is unreachable ({}); skipping it for {} ms",
                    instance.getServiceId(), instance.getHost(), instance.getPort(),
                    completion.getThrowable().toString(), Duration.ofNanos(pauseNanos).toMillis()));
        }
    }

    @Override
    public void onStart(Request<Object> request) {
    }

    @Override
    public void onStartRequest(Request<Object> request, Response<ServiceInstance> response) {
    }

    private static boolean isConnectionFailure(Throwable failure) {
        return Causes.include(failure, IOException.class) && !Causes.include(failure, TimeoutException.class,
                SocketTimeoutException.class, org.springframework.cloud.gateway.support.TimeoutException.class);
    }

    private static String key(ServiceInstance instance) {
        return instance.getServiceId() + '@' + instance.getHost() + ':' + instance.getPort();
    }
}
