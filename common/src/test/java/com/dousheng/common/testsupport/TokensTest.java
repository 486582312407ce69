package com.dousheng.common.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dousheng.common.auth.JwtProperties;
import com.dousheng.common.auth.JwtService;
import com.dousheng.common.web.BizException;
import com.dousheng.common.web.ErrorCode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TokensTest {
    @Test
    void aTamperedTokenNeverVerifies() {
        JwtService jwt = new JwtService(
                new JwtProperties("tokens-test-secret-0123456789abcdef0123456789", Duration.ofHours(1)));
        // many different tokens, so that every kind of character sits at the changed position some time
        for (long userId = 1; userId <= 2_000; userId++) {
            String token = jwt.issue(userId);
            String tampered = Tokens.tampered(token);
            assertThat(tampered).hasSameSizeAs(token).isNotEqualTo(token);
            int signatureStart = token.lastIndexOf('.');
            assertThat(tampered.substring(0, signatureStart)).isEqualTo(token.substring(0, signatureStart));
            assertThatThrownBy(() -> jwt.verify(tampered)).isInstanceOf(BizException.class)
                    .extracting(e -> ((BizException) e).errorCode()).isEqualTo(ErrorCode.TOKEN_INVALID);
        }
    }
}
