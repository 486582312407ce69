package com.dousheng.common.text;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.Resource;

/**
 * One filter for comments and chat messages. The word list is a UTF-8 file, one word a line ({@code #} starts a
 * comment); operators replace it with {@code DOUSHENG_SENSITIVE_WORDS=file:/path/words.txt}.
 */
@AutoConfiguration
@EnableConfigurationProperties(SensitiveWordProperties.class)
public class SensitiveWordAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public SensitiveWordFilter sensitiveWordFilter(SensitiveWordProperties properties) throws IOException {
        Resource wordList = properties.sensitiveWords();
        List<String> words = new ArrayList<>();
        if (wordList.exists()) {
            try (InputStream in = wordList.getInputStream()) {
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\R")) {
                    String word = line.strip();
                    if (!word.isEmpty() && !word.startsWith("#")) {
                        words.add(word);
                    }
                }
            }
        } else {
            throw new IllegalStateException("sensitive word list not found: " + wordList.getDescription());
        }
        return new SensitiveWordFilter(words);
    }
}
