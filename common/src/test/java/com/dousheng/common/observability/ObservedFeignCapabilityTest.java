package com.dousheng.common.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import brave.Tracing;
import brave.handler.SpanHandler;
import brave.propagation.ThreadLocalCurrentTraceContext;
import feign.Feign;
import feign.Request;
import feign.RequestLine;
import feign.Response;
import feign.Retryer;
import feign.Target;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.brave.bridge.BraveBaggageManager;
import io.micrometer.tracing.brave.bridge.BraveCurrentTraceContext;
import io.micrometer.tracing.brave.bridge.BravePropagator;
import io.micrometer.tracing.brave.bridge.BraveTracer;
import io.micrometer.tracing.brave.bridge.W3CPropagation;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingSenderTracingObservationHandler;
import io.micrometer.tracing.handler.TracingObservationHandler;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A Feign call made while a request is served carries that request's trace on, and is timed per callee and path. */
class ObservedFeignCapabilityTest {
    interface Users {
        @RequestLine("POST /batch")
        String batch();
    }

    private final AtomicReference<Request> sent = new AtomicReference<>();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ObservationRegistry observations = ObservationRegistry.create();
    private Tracing tracing;

    @BeforeEach
    void setUp() {
        // as Boot configures Brave: 128-bit trace ids, W3C headers; spans go nowhere
        tracing = Tracing.newBuilder().traceId128Bit(true).addSpanHandler(new SpanHandler() {
                })
                .currentTraceContext(ThreadLocalCurrentTraceContext.create())
                .propagationFactory(new W3CPropagation()).build();
        Tracer tracer = new BraveTracer(tracing.tracer(),
                new BraveCurrentTraceContext(tracing.currentTraceContext()), new BraveBaggageManager());
        observations.observationConfig()
                .observationHandler(new ObservationHandler.FirstMatchingCompositeObservationHandler(
                        new PropagatingSenderTracingObservationHandler<>(tracer, new BravePropagator(tracing)),
                        new DefaultTracingObservationHandler(tracer)))
                .observationHandler(new DefaultMeterObservationHandler(meters));
    }

    @AfterEach
    void tearDown() {
        tracing.close();
    }

    private Users client(feign.Client transport) {
        return Feign.builder().addCapability(new ObservedFeignCapability(observations)).client(transport)
                .retryer(Retryer.NEVER_RETRY)
                .target(new Target.HardCodedTarget<>(Users.class, "user-service", "http://user-service/internal/users"));
    }

    private feign.Client answering(int status) {
        return (request, options) -> {
            sent.set(request);
            return Response.builder().request(request).status(status).headers(Map.of())
                    .body("ok", StandardCharsets.UTF_8).build();
        };
    }

    @Test
    void theCallContinuesTheServedRequestsTraceInAW3cHeaderAndIsTimed() {
        Observation served = Observation.start("http.server.requests", observations);
        String traceId;
        String servedSpanId;
        try (Observation.Scope ignored = served.openScope()) {
            TracingObservationHandler.TracingContext tracingContext =
                    served.getContext().get(TracingObservationHandler.TracingContext.class);
            traceId = tracingContext.getSpan().context().traceId();
            servedSpanId = tracingContext.getSpan().context().spanId();
            assertThat(client(answering(200)).batch()).isEqualTo("ok");
        } finally {
            served.stop();
        }

        assertThat(sent.get().headers().get("traceparent")).singleElement().asString()
                .matches("00-" + traceId + "-[0-9a-f]{16}-01");
        // the callee's parent is the call's own client span, not the served request's span
        String parentId = sent.get().headers().get("traceparent").iterator().next().split("-")[2];
        assertThat(parentId).isNotEqualTo(servedSpanId);
        Timer timer = meters.find("http.client.requests").tags("client.name", "user-service", "method", "POST",
                "uri", "/internal/users/batch", "status", "200", "outcome", "SUCCESS", "exception", "none").timer();
        assertThat(timer).isNotNull();
        assertThat(timer.count()).isEqualTo(1);
    }

    @Test
    void failedCallsAreTimedWithTheirStatusOrException() {
        feign.Client refused = (request, options) -> {
            throw new ConnectException("refused");
        };
        assertThatThrownBy(() -> client(refused).batch()).isInstanceOf(feign.RetryableException.class);
        assertThat(meters.find("http.client.requests").tags("uri", "/internal/users/batch",
                "status", "CLIENT_ERROR", "exception", "ConnectException").timer()).isNotNull();
        assertThatThrownBy(() -> client(answering(503)).batch()).isInstanceOf(feign.FeignException.class);
        assertThat(meters.find("http.client.requests").tags("uri", "/internal/users/batch",
                "status", "503", "outcome", "SERVER_ERROR").timer()).isNotNull();
    }
}
