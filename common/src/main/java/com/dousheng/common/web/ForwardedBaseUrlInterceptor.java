package com.dousheng.common.web;

import com.dousheng.common.auth.AuthHeaders;
import feign.RequestInterceptor;
import feign.RequestTemplate;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** Carries the client's base URL on to the services a request calls, so that they build the same URLs. */
public class ForwardedBaseUrlInterceptor implements RequestInterceptor {
    @Override
    public void apply(RequestTemplate template) {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            String baseUrl = attributes.getRequest().getHeader(AuthHeaders.FORWARDED_BASE_URL);
            if (PublicUrls.isBaseUrl(baseUrl)) {
                template.header(AuthHeaders.FORWARDED_BASE_URL, baseUrl);
            }
        }
    }
}
