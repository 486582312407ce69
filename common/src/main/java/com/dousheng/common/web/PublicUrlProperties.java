package com.dousheng.common.web;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param publicBaseUrl fixed base of the URLs given to clients (env DOUSHENG_PUBLIC_BASE_URL); unset or blank:
 *                      the address the client used ({@link PublicUrls})
 */
@ConfigurationProperties("dousheng")
public record PublicUrlProperties(String publicBaseUrl) {
}
