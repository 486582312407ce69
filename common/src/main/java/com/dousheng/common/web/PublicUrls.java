package com.dousheng.common.web;

import com.dousheng.common.auth.AuthHeaders;
import jakarta.servlet.http.HttpServletRequest;
import java.util.regex.Pattern;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Builds absolute URLs the phone can open: from {@code dousheng.public-base-url} when an operator set one,
 * else from the scheme and host the client used (the gateway passes them in {@link AuthHeaders#FORWARDED_BASE_URL},
 * and Feign calls carry the header on), else from this request itself.
 */
public class PublicUrls {
    private static final Pattern BASE_URL = Pattern.compile("https?://[A-Za-z0-9.\\-]+(:\\d{1,5})?|https?://\\[[0-9a-fA-F:.]+](:\\d{1,5})?");

    private static final String BASE_URL_ATTRIBUTE = PublicUrls.class.getName() + ".baseUrl";

    private final String configuredBase;

    public PublicUrls(String configuredBase) {
        this.configuredBase = configuredBase == null || configuredBase.isBlank() ? null : stripSlash(configuredBase);
    }

    /** {@code path} ("/static/...") made absolute; values that already are absolute URLs are returned as they are. */
    public String absolute(String path) {
        if (path == null || path.isEmpty()) {
            return "";
        }
        if (path.startsWith("http://") || path.startsWith("https://")) {
            return path;
        }
        return baseUrl() + (path.startsWith("/") ? path : "/" + path);
    }

    public String baseUrl() {
        if (configuredBase != null) {
            return configuredBase;
        }
        HttpServletRequest request = currentRequest();
        if (request == null) {
            return "http://localhost:8080";
        }
        // a page of 30 videos asks ~120 times: the header is checked once per request
        if (request.getAttribute(BASE_URL_ATTRIBUTE) instanceof String known) {
            return known;
        }
        String base = baseUrlOf(request);
        request.setAttribute(BASE_URL_ATTRIBUTE, base);
        return base;
    }

    private static String baseUrlOf(HttpServletRequest request) {
        String forwarded = request.getHeader(AuthHeaders.FORWARDED_BASE_URL);
        if (forwarded != null && BASE_URL.matcher(forwarded).matches()) {
            return forwarded;
        }
        int port = request.getServerPort();
        boolean defaultPort = ("http".equals(request.getScheme()) && port == 80)
                || ("https".equals(request.getScheme()) && port == 443);
        return request.getScheme() + "://" + request.getServerName() + (defaultPort ? "" : ":" + port);
    }

    /** Whether {@code value} is a well-formed scheme://host[:port] (the only form accepted from headers). */
    public static boolean isBaseUrl(String value) {
        return value != null && BASE_URL.matcher(value).matches();
    }

    private static HttpServletRequest currentRequest() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? attributes.getRequest() : null;
    }

    private static String stripSlash(String value) {
        return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    }
}
