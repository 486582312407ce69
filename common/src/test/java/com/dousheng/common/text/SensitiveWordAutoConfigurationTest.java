package com.dousheng.common.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/** The word list follows the Environment, as a Nacos push changes it: extra words and the list file itself. */
class SensitiveWordAutoConfigurationTest {
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SensitiveWordAutoConfiguration.class));

    @Test
    void extraWordsAndTheListLocationReloadWhenTheirKeysChange(@TempDir Path dir) throws Exception {
        Path list = dir.resolve("words.txt");
        Files.writeString(list, "# operators' list\nalpha\n");
        runner.withPropertyValues("dousheng.moderation.word-list=file:" + list).run(context -> {
            SensitiveWordFilter filter = context.getBean(SensitiveWordFilter.class);
            assertThat(filter.mask("alpha beta gamma")).isEqualTo("***** beta gamma");

            Map<String, Object> pushed = new HashMap<>();
            ConfigurableEnvironment environment = context.getEnvironment();
            environment.getPropertySources().addFirst(new MapPropertySource("pushed", pushed));
            pushed.put("dousheng.moderation.extra-words[0]", "beta");
            context.publishEvent(new EnvironmentChangeEvent(context, Set.of("dousheng.moderation.extra-words[0]")));
            assertThat(filter.mask("alpha beta gamma")).isEqualTo("***** **** gamma");

            Path other = Files.writeString(dir.resolve("other.txt"), "gamma\n");
            pushed.put("dousheng.moderation.word-list", "file:" + other);
            context.publishEvent(new EnvironmentChangeEvent(context, Set.of("dousheng.moderation.word-list")));
            assertThat(filter.mask("alpha beta gamma")).isEqualTo("alpha **** *****");
        });
    }

    @Test
    void aListThatCannotBeReadFailsTheStartButNotAReload(@TempDir Path dir) throws Exception {
        runner.withPropertyValues("dousheng.moderation.word-list=file:" + dir.resolve("missing.txt"))
                .run(context -> assertThat(context).hasFailed());

        runner.run(context -> {
            SensitiveWordFilter filter = context.getBean(SensitiveWordFilter.class);
            int builtIn = filter.wordCount();
            assertThat(builtIn).isPositive();
            Map<String, Object> pushed = new HashMap<>();
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("pushed", pushed));
            pushed.put("dousheng.moderation.word-list", "file:" + dir.resolve("missing.txt"));
            context.publishEvent(new EnvironmentChangeEvent(context, Set.of("dousheng.moderation.word-list")));
            assertThat(filter.wordCount()).as("the previous list stays").isEqualTo(builtIn);
        });
    }
}
