package com.dousheng.common.remote;

import com.dousheng.common.web.RemoteCallFailures;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a call to another service whose answer only decorates a response (counters, flags): when that service
 * fails, the response is still served with the fallback, and the failure is logged and counted in
 * {@code dousheng.remote.failures{service=...}} so that operators see the degradation.
 */
public class DegradedCalls {
    public static final String FAILURE_METRIC = "dousheng.remote.failures";
    private static final Logger log = LoggerFactory.getLogger(DegradedCalls.class);

    private final MeterRegistry meterRegistry;

    public DegradedCalls(MeterRegistry meterRegistry) {
        this.meterRegistry = meterRegistry;
    }

    public <T> T callOrFallback(String service, Supplier<T> call, Supplier<T> fallback) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            if (!RemoteCallFailures.isRemoteFailure(e)) {
                throw e;
            }
            log.warn("{} failed, serving without its data: {}", service, RemoteCallFailures.describe(e));
            meterRegistry.counter(FAILURE_METRIC, "service", service).increment();
            return fallback.get();
        }
    }
}
