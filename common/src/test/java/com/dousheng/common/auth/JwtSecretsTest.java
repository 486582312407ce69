package com.dousheng.common.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class JwtSecretsTest {
    private static final String USABLE = "integration-test-secret-0123456789abcdef0123456789";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(JwtAutoConfiguration.class));

    @Test
    void theExampleValueIsStillTheOneInDeployEnvExample() throws IOException {
        // the module's tests run in common/, the file is the repository's own
        String line = Files.readAllLines(Path.of("..", "deploy", ".env.example")).stream()
                .filter(l -> l.startsWith("DOUSHENG_JWT_SECRET=")).findFirst().orElseThrow();
        assertThat(line.substring("DOUSHENG_JWT_SECRET=".length())).isEqualTo(JwtSecrets.EXAMPLE_SECRET);
    }

    @Test
    void refusesTheExampleValueAndEditedCopiesOfIt() {
        assertThatThrownBy(() -> JwtSecrets.requireUsable(JwtSecrets.EXAMPLE_SECRET))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("example value from deploy/.env.example")
                .hasMessageContaining("head -c 48 /dev/urandom | base64");
        assertThatThrownBy(() -> JwtSecrets.requireUsable("change-me-my-own-jwt-secret-0123456789abcdef"))
                .hasMessageContaining("example value");
    }

    @Test
    void refusesSecretsShorterThan32BytesCountedInUtf8() {
        assertThatThrownBy(() -> JwtSecrets.requireUsable("a".repeat(31)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is 31 bytes long, it must be at least 32 bytes")
                .hasMessageContaining("head -c 48 /dev/urandom | base64");
        assertThatCode(() -> JwtSecrets.requireUsable("a".repeat(32))).doesNotThrowAnyException();
        // 11 Chinese characters are 33 bytes: counted as bytes they pass although they are only 11 characters
        assertThatCode(() -> JwtSecrets.requireUsable("密".repeat(11))).doesNotThrowAnyException();
        assertThatThrownBy(() -> JwtSecrets.requireUsable("密".repeat(10))).hasMessageContaining("is 30 bytes");
        assertThatThrownBy(() -> JwtSecrets.requireUsable(null)).hasMessageContaining("is not set");
        assertThatThrownBy(() -> JwtSecrets.requireUsable("  ")).hasMessageContaining("is not set");
    }

    @Test
    void acceptsWhatRunShMakesAndTheSecretsOfTheTests() {
        byte[] random = new byte[48];
        new SecureRandom().nextBytes(random);
        assertThatCode(() -> JwtSecrets.requireUsable(Base64.getEncoder().encodeToString(random)))
                .doesNotThrowAnyException();
        assertThatCode(() -> JwtSecrets.requireUsable(USABLE)).doesNotThrowAnyException();
        // the shape of deploy/e2e Suite's secret with the shortest possible hex part
        assertThatCode(() -> JwtSecrets.requireUsable("e2e-secret-" + String.format("%016x", 0L) + "-0123456789abcdef"))
                .doesNotThrowAnyException();
    }

    @Test
    void theContextRefusesToStartWithTheExampleOrAShortSecret() {
        runner.withPropertyValues("dousheng.jwt.secret=" + JwtSecrets.EXAMPLE_SECRET).run(context ->
                assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessage("DOUSHENG_JWT_SECRET is the example value from deploy/.env.example;"
                                + " make one with `head -c 48 /dev/urandom | base64`"));
        runner.withPropertyValues("dousheng.jwt.secret=too-short").run(context ->
                assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("is 9 bytes long, it must be at least 32 bytes in UTF-8"));
        runner.run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                .hasMessageContaining("DOUSHENG_JWT_SECRET (dousheng.jwt.secret) is not set"));
    }

    @Test
    void theContextStartsWithAGoodSecret() {
        runner.withPropertyValues("dousheng.jwt.secret=" + USABLE, "dousheng.jwt.lifetime=1h").run(context -> {
            assertThat(context).hasNotFailed();
            JwtService jwt = context.getBean(JwtService.class);
            assertThat(jwt.verify(jwt.issue(42))).isEqualTo(42);
            assertThat(context.getBean(JwtProperties.class).lifetime()).isEqualTo(Duration.ofHours(1));
        });
    }
}
