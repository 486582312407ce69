package com.dousheng.gateway.observability;

import io.micrometer.observation.Observation;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;

/**
 * Puts a request's trace and span ids in the MDC for one log statement. Reactor's automatic context propagation
 * would do this on every operator of every request, which profiling showed to be one of the gateway's largest
 * costs (spring.reactor.context-propagation is therefore limited): the gateway's few log statements that belong to
 * a request name it here instead, so their lines keep the ids.
 */
@Component
public class TraceLogging {
    /** Resolved on first use: looked up per request, it took 1.6% of the gateway's time under load (profiled). */
    private final SingletonSupplier<Tracer> tracer;

    public TraceLogging(ObjectProvider<Tracer> tracer) {
        this.tracer = SingletonSupplier.of(tracer::getIfAvailable);
    }

    /** @param attributes the exchange's attributes (or a load-balancer request's copy of them) */
    public void log(Map<String, Object> attributes, Runnable statement) {
        ServerRequestObservationContext.findCurrent(attributes)
                .ifPresentOrElse(context -> log(context, statement), statement);
    }

    public void log(Observation.ContextView context, Runnable statement) {
        log(TraceIds.span(context), statement);
    }

    /** @param span the request's span, when the caller has it at hand already; null logs without ids */
    public void log(Span span, Runnable statement) {
        Tracer current = tracer.get();
        if (span == null || current == null) {
            statement.run();
            return;
        }
        try (Tracer.SpanInScope ignored = current.withSpan(span)) {
            statement.run();
        }
    }
}
