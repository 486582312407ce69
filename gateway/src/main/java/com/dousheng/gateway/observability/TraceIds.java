package com.dousheng.gateway.observability;

import io.micrometer.observation.Observation;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.handler.TracingObservationHandler;

/** The trace id of a request, read from its server observation: no thread-local or Reactor context needed. */
final class TraceIds {
    private TraceIds() {
    }

    static Span span(Observation.ContextView context) {
        TracingObservationHandler.TracingContext tracing = context.get(TracingObservationHandler.TracingContext.class);
        return tracing == null ? null : tracing.getSpan();
    }

    static String of(Observation.ContextView context) {
        Span span = span(context);
        return span == null ? null : span.context().traceId();
    }
}
