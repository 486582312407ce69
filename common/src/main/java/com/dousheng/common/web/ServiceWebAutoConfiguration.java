package com.dousheng.common.web;

import com.dousheng.common.auth.JwtService;
import com.dousheng.common.auth.ViewerArgumentResolver;
import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Envelope error handling and viewer resolution for every servlet service. */
@AutoConfiguration(
        afterName = "com.dousheng.common.auth.JwtAutoConfiguration",
        beforeName = "org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties({PublicUrlProperties.class, ServiceWebProperties.class})
public class ServiceWebAutoConfiguration {

    @Bean
    public FilterRegistrationBean<ResponseBufferFilter> responseBufferFilter(ServiceWebProperties properties) {
        FilterRegistrationBean<ResponseBufferFilter> registration = new FilterRegistrationBean<>(
                new ResponseBufferFilter(Math.toIntExact(properties.responseBuffer().toBytes())));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    public GlobalExceptionHandler globalExceptionHandler() {
        return new GlobalExceptionHandler();
    }

    @Bean
    public EnvelopeErrorController envelopeErrorController() {
        return new EnvelopeErrorController();
    }

    @Bean
    public PublicUrls publicUrls(PublicUrlProperties properties) {
        return new PublicUrls(properties.publicBaseUrl());
    }

    @Bean
    @ConditionalOnClass(name = "feign.RequestInterceptor")
    public ForwardedBaseUrlInterceptor forwardedBaseUrlInterceptor() {
        return new ForwardedBaseUrlInterceptor();
    }

    @Bean
    @ConditionalOnClass(name = "feign.RequestInterceptor")
    public LeafGuard leafGuard() {
        return new LeafGuard();
    }

    @Bean
    public WebMvcConfigurer viewerResolverConfigurer(JwtService jwtService) {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new ViewerArgumentResolver(jwtService));
            }
        };
    }
}
