package com.dousheng.common.observability;

import feign.Capability;
import feign.Client;
import feign.Request;
import feign.RequestTemplate;
import feign.Response;
import feign.Target;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.RequestReplySenderContext;
import java.io.IOException;
import java.net.URI;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Observes every Feign call between services: the call continues the request's trace (a child span whose W3C
 * {@code traceparent} header the callee reads) and is timed in {@code http.client.requests}, with the tags of
 * Spring's own HTTP clients ({@code client.name} = the callee, {@code method}, {@code uri} = the contract's path,
 * {@code status}, {@code outcome}, {@code exception}).
 * <p>
 * OpenFeign's own {@code feign-micrometer} would do this, but the version Spring Cloud 2025.1 manages (13.6.1) was
 * never published; should it ever be on the classpath, this capability stands aside (see the auto-configuration).
 */
public class ObservedFeignCapability implements Capability {
    static final String NAME = "http.client.requests";

    private final ObservationRegistry registry;

    public ObservedFeignCapability(ObservationRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Client enrich(Client client) {
        return (request, options) -> execute(client, request, options);
    }

    private Response execute(Client client, Request request, Request.Options options) throws IOException {
        Map<String, Collection<String>> headers = new LinkedHashMap<>(request.headers());
        RequestReplySenderContext<Map<String, Collection<String>>, Response> context =
                new RequestReplySenderContext<>((carrier, key, value) -> carrier.put(key, List.of(value)));
        context.setCarrier(headers);
        String callee = callee(request);
        context.setRemoteServiceName(callee);
        Observation observation = Observation.createNotStarted(NAME, () -> context, registry)
                .contextualName("http " + request.httpMethod().name().toLowerCase())
                .lowCardinalityKeyValue("client.name", callee)
                .lowCardinalityKeyValue("method", request.httpMethod().name())
                .lowCardinalityKeyValue("uri", uriTemplate(request))
                .highCardinalityKeyValue("http.url", request.url())
                .start();
        try {
            // the tracing handler has written traceparent into the headers at start
            Request traced = Request.create(request.httpMethod(), request.url(), headers, request.body(),
                    request.charset(), request.requestTemplate());
            Response response = client.execute(traced, options);
            context.setResponse(response);
            observation.lowCardinalityKeyValue("status", Integer.toString(response.status()))
                    .lowCardinalityKeyValue("outcome", outcome(response.status()))
                    .lowCardinalityKeyValue("exception", "none");
            return response;
        } catch (IOException | RuntimeException e) {
            observation.lowCardinalityKeyValue("status", "CLIENT_ERROR")
                    .lowCardinalityKeyValue("outcome", "UNKNOWN")
                    .lowCardinalityKeyValue("exception", e.getClass().getSimpleName())
                    .error(e);
            throw e;
        } finally {
            observation.stop();
        }
    }

    private static String callee(Request request) {
        RequestTemplate template = request.requestTemplate();
        Target<?> target = template == null ? null : template.feignTarget();
        return target != null ? target.name() : String.valueOf(URI.create(request.url()).getHost());
    }

    /** The path as the contract declares it (client path + method mapping), never an expanded one. */
    private static String uriTemplate(Request request) {
        RequestTemplate template = request.requestTemplate();
        if (template == null || template.methodMetadata() == null || template.feignTarget() == null) {
            return "none";
        }
        String base = URI.create(template.feignTarget().url()).getPath();
        return (base == null ? "" : base) + template.methodMetadata().template().path();
    }

    private static String outcome(int status) {
        if (status >= 200 && status < 300) {
            return "SUCCESS";
        }
        if (status >= 400 && status < 500) {
            return "CLIENT_ERROR";
        }
        if (status >= 500) {
            return "SERVER_ERROR";
        }
        return status >= 300 ? "REDIRECTION" : "INFORMATIONAL";
    }
}
