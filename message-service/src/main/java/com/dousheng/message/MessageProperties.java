package com.dousheng.message;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** @param chatPageSize most messages one chat poll returns; the client asks again from the last one it got */
@ConfigurationProperties("dousheng.message")
public record MessageProperties(int chatPageSize) {
}
