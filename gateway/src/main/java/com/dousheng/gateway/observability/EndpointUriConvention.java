package com.dousheng.gateway.observability;

import com.dousheng.gateway.auth.AccessPolicy;
import io.micrometer.common.KeyValue;
import org.springframework.http.server.reactive.observation.DefaultServerRequestObservationConvention;
import org.springframework.http.server.reactive.observation.ServerHttpObservationDocumentation;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.stereotype.Component;

/**
 * The {@code uri} tag of the gateway's {@code http.server.requests}. Routed requests match no handler pattern, so
 * Spring would tag them all {@code UNKNOWN}: tag the contract's endpoints by their path instead, media as
 * {@code /static/**}, and leave anything else to the default tags, so that scanners cannot create series.
 */
@Component
public class EndpointUriConvention extends DefaultServerRequestObservationConvention {
    static final String MEDIA = "/static/**";

    @Override
    protected KeyValue uri(ServerRequestObservationContext context) {
        if (context.getPathPattern() == null && context.getCarrier() != null) {
            String path = context.getCarrier().getPath().value();
            // the client's path may lack the trailing slash the gateway adds
            String endpoint = path.endsWith("/") ? path : path + "/";
            if (AccessPolicy.isEndpoint(endpoint)) {
                return KeyValue.of(ServerHttpObservationDocumentation.LowCardinalityKeyNames.URI, endpoint);
            }
            if (path.startsWith("/static/")) {
                return KeyValue.of(ServerHttpObservationDocumentation.LowCardinalityKeyNames.URI, MEDIA);
            }
        }
        return super.uri(context);
    }
}
