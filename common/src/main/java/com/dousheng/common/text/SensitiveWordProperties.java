package com.dousheng.common.text;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;

/**
 * @param sensitiveWords the word list (env DOUSHENG_SENSITIVE_WORDS, e.g. {@code file:/etc/dousheng/words.txt});
 *                       by default the list bundled in common
 */
@ConfigurationProperties("dousheng")
public record SensitiveWordProperties(@DefaultValue("classpath:sensitive-words.txt") Resource sensitiveWords) {
}
