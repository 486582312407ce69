package com.dousheng.common.web;

import feign.RequestInterceptor;
import feign.RequestTemplate;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Internal APIs are leaves: a handler under {@code /internal/**} answers from its own service's data and calls no
 * other service, so that no request can end up waiting on itself (video→user→video under load). This refuses any
 * Feign call made while such a request is being handled, in tests and in production alike.
 */
public class LeafGuard implements RequestInterceptor {
    public static final String INTERNAL_PREFIX = "/internal/";

    @Override
    public void apply(RequestTemplate template) {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            String path = attributes.getRequest().getRequestURI();
            if (path != null && path.startsWith(INTERNAL_PREFIX)) {
                throw new IllegalStateException("internal handler " + path + " called " + template.feignTarget().name()
                        + template.path() + ": internal APIs answer from their own service's data only");
            }
        }
    }
}
