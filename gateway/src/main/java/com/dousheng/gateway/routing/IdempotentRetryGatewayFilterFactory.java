package com.dousheng.gateway.routing;

import java.util.Set;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.factory.RetryGatewayFilterFactory;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;

/**
 * The stock {@code Retry} filter limited to reads, used as a default filter ({@code IdempotentRetry} in
 * application.yml). The stock filter makes the gateway buffer every request body of its routes so that it could
 * resend it, which would hold whole video uploads (up to 100 MB) in the gateway's heap although uploads are
 * never retried; reads carry no body, so this one buffers nothing and refuses to be configured for other methods.
 */
@Component
public class IdempotentRetryGatewayFilterFactory extends RetryGatewayFilterFactory {
    private static final Set<HttpMethod> READS = Set.of(HttpMethod.GET, HttpMethod.HEAD);

    @Override
    public GatewayFilter apply(RetryConfig config) {
        if (!READS.containsAll(config.getMethods())) {
            throw new IllegalArgumentException("IdempotentRetry repeats only GET and HEAD, not " + config.getMethods()
                    + ": a repeated write (a comment, a message) would be applied twice");
        }
        return super.apply(config);
    }

    @Override
    protected void enableBodyCaching(String routeId) {
        // reads have no body to resend
    }
}
