package com.dousheng.common.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/** @param responseBuffer an answer up to this size is sent whole, with a Content-Length ({@link ResponseBufferFilter}) */
@ConfigurationProperties("dousheng.web")
public record ServiceWebProperties(DataSize responseBuffer) {
}
