package com.dousheng.common.text;

import com.dousheng.common.config.LiveProperties;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

/**
 * One filter for comments, titles and chat messages. Its words are the list at {@code dousheng.moderation.word-list}
 * plus {@code dousheng.moderation.extra-words}; when either changes (Nacos, /actuator/refresh) the list is read
 * again and replaces the old one without a restart. A list that cannot be read fails the start, but only logs on
 * a reload (the old list stays).
 */
@AutoConfiguration
public class SensitiveWordAutoConfiguration {
    private static final Logger log = LoggerFactory.getLogger(SensitiveWordAutoConfiguration.class);

    @Bean
    @ConditionalOnMissingBean(name = "moderationProperties")
    public LiveProperties<ModerationProperties> moderationProperties(ConfigurableEnvironment environment) {
        return new LiveProperties<>(environment, "dousheng.moderation", ModerationProperties.class);
    }

    @Bean
    @ConditionalOnMissingBean
    public SensitiveWordFilter sensitiveWordFilter(LiveProperties<ModerationProperties> moderationProperties,
                                                   ResourceLoader resources) {
        SensitiveWordFilter filter = new SensitiveWordFilter(words(moderationProperties.get(), resources));
        moderationProperties.onChange(next -> {
            try {
                filter.replace(words(next, resources));
                log.info("sensitive word list reloaded: {} words", filter.wordCount());
            } catch (RuntimeException e) {
                log.warn("sensitive word list not reloaded, keeping the previous one: {}", e.getMessage());
            }
        });
        return filter;
    }

    static List<String> words(ModerationProperties properties, ResourceLoader resources) {
        Resource wordList = resources.getResource(properties.wordList());
        if (!wordList.exists()) {
            throw new IllegalStateException("sensitive word list not found: " + wordList.getDescription());
        }
        List<String> words = new ArrayList<>();
        try (InputStream in = wordList.getInputStream()) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\R")) {
                String word = line.strip();
                if (!word.isEmpty() && !word.startsWith("#")) {
                    words.add(word);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("sensitive word list unreadable: " + wordList.getDescription(), e);
        }
        words.addAll(properties.extraWords());
        return words;
    }
}
