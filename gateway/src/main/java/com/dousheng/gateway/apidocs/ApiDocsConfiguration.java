package com.dousheng.gateway.apidocs;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.config.ResourceHandlerRegistration;
import org.springframework.web.reactive.config.ResourceHandlerRegistry;
import org.springframework.web.reactive.config.WebFluxConfigurer;

/**
 * Serves the public contract, {@code docs/api/openapi.yaml} (copied into the jar by the build), byte for byte at
 * {@value #SPEC_PATH}, where springdoc's Swagger UI reads it. The spec is not generated: the endpoints live in the
 * services, not here. Off with {@code springdoc.api-docs.enabled} ({@code DOUSHENG_API_DOCS_ENABLED}), which also
 * turns off the UI. A resource handler, asked only when no gateway route matched, so proxied requests never see it.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "springdoc.api-docs.enabled", matchIfMissing = true)
public class ApiDocsConfiguration implements WebFluxConfigurer {
    public static final String SPEC_PATH = "/api-docs/openapi.yaml";
    /** where the build puts the contract on the classpath */
    public static final String SPEC_RESOURCE = "api/openapi.yaml";

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        ResourceHandlerRegistration contract = registry.addResourceHandler("/api-docs/*.yaml")
                .addResourceLocations("classpath:/api/")
                // revalidated on each load (Last-Modified), so a redeployed contract shows at once
                .setCacheControl(CacheControl.noCache());
        // not octet-stream, which Spring's type table would give: the text is UTF-8 (Chinese descriptions)
        contract.setMediaTypes(Map.of("yaml", new MediaType(MediaType.APPLICATION_YAML, StandardCharsets.UTF_8)));
    }
}
