package com.dousheng.gateway.observability;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.tracing.Span;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointProperties;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.stereotype.Component;

/**
 * The gateway's access log: one line per request on the logger {@value #LOGGER}, written when the request's
 * server observation stops, that is after error handling, with the status the client got:
 * {@code method=GET path=/douyin/feed/ status=200 latency_ms=12 user=42 trace=<32 hex> upstream=127.0.0.1:8082},
 * and a last word {@code aborted} when the client's connection closed before the exchange completed. Everything
 * comes from the exchange as it is: no remote call, no body. The path is the one the client sent, never the query
 * string (tokens travel there). Requests to the actuator on the management port are left out.
 */
@Component
public class AccessLog implements ObservationHandler<ServerRequestObservationContext> {
    public static final String LOGGER = "dousheng.access";
    /** Exchange attribute with the user id the gateway verified (a Long), absent for anonymous requests. */
    public static final String USER_ID_ATTRIBUTE = AccessLog.class.getName() + ".userId";
    private static final Logger log = LoggerFactory.getLogger(LOGGER);
    private static final String STARTED = AccessLog.class.getName() + ".started";

    private final TraceLogging traceLogging;
    private final String actuatorBasePath;

    public AccessLog(TraceLogging traceLogging, WebEndpointProperties actuatorEndpoints) {
        this.traceLogging = traceLogging;
        this.actuatorBasePath = actuatorEndpoints.getBasePath();
    }

    @Override
    public boolean supportsContext(Observation.Context context) {
        return context instanceof ServerRequestObservationContext;
    }

    @Override
    public void onStart(ServerRequestObservationContext context) {
        context.put(STARTED, System.nanoTime());
    }

    @Override
    public void onStop(ServerRequestObservationContext context) {
        // routed requests match no handler pattern: a pattern means an actuator endpoint (health checks, scrapes)
        String pattern = context.getPathPattern();
        if (!log.isInfoEnabled() || (pattern != null && pattern.startsWith(actuatorBasePath))) {
            return;
        }
        Long started = context.get(STARTED);
        long latencyMs = started == null ? -1 : TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        Object user = context.getAttributes().get(USER_ID_ATTRIBUTE);
        URI upstream = (URI) context.getAttributes().get(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR);
        Span span = TraceIds.span(context);
        // built by hand: this runs once per request on an event loop, where String.format's parsing showed up
        StringBuilder line = new StringBuilder(160)
                .append("method=").append(context.getCarrier().getMethod().name())
                .append(" path=").append(context.getCarrier().getPath().value())
                .append(" status=").append(status(context))
                .append(" latency_ms=").append(latencyMs)
                .append(" user=").append(user == null ? "-" : user)
                .append(" trace=").append(span == null ? "-" : span.context().traceId())
                .append(" upstream=");
        if (upstream == null) {
            line.append('-');
        } else {
            line.append(upstream.getHost()).append(':').append(upstream.getPort());
        }
        if (context.isConnectionAborted()) {
            line.append(" aborted");
        }
        // the line is written where the request ended, on any thread: give it the request's log correlation
        traceLogging.log(span, () -> log.info(line.toString()));
    }

    /** A client that hangs up as the last bytes go out still got its status; one that left earlier may have none. */
    private static String status(ServerRequestObservationContext context) {
        HttpStatusCode status = context.getResponse() == null ? null : context.getResponse().getStatusCode();
        if (status == null) {
            return context.isConnectionAborted() ? "-" : "200";
        }
        return Integer.toString(status.value());
    }
}
