package com.dousheng.common.auth;

import com.dousheng.common.web.BizException;
import com.dousheng.common.web.ErrorCode;
import io.jsonwebtoken.ExpiredJwtException;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import javax.crypto.SecretKey;

/** Issues and verifies the HS256 tokens that the client sends back as {@code token}. */
public class JwtService {
    private static final int MAX_TOKEN_LENGTH = 2048;

    private final SecretKey key;
    private final Duration lifetime;
    private final Clock clock;

    public JwtService(JwtProperties properties) {
        this(properties, Clock.systemUTC());
    }

    public JwtService(JwtProperties properties, Clock clock) {
        JwtSecrets.requireUsable(properties.secret());
        if (properties.lifetime() == null || properties.lifetime().isNegative() || properties.lifetime().isZero()) {
            throw new IllegalStateException("dousheng.jwt.lifetime (env DOUSHENG_JWT_LIFETIME) must be a positive"
                    + " duration, e.g. 7d");
        }
        this.key = Keys.hmacShaKeyFor(properties.secret().getBytes(StandardCharsets.UTF_8));
        this.lifetime = properties.lifetime();
        this.clock = clock;
    }

    public String issue(long userId) {
        Date now = Date.from(clock.instant());
        return Jwts.builder()
                .subject(Long.toString(userId))
                .issuedAt(now)
                .expiration(Date.from(clock.instant().plus(lifetime)))
                .signWith(key)
                .compact();
    }

    /** @return the user id the token was issued to; throws {@link BizException} when it is not a valid token */
    public long verify(String token) {
        if (token == null || token.isBlank()) {
            throw new BizException(ErrorCode.LOGIN_REQUIRED);
        }
        if (token.length() > MAX_TOKEN_LENGTH) {
            throw new BizException(ErrorCode.TOKEN_INVALID);
        }
        try {
            String subject = Jwts.parser()
                    .verifyWith(key)
                    .clock(() -> Date.from(clock.instant()))
                    .build()
                    .parseSignedClaims(token)
                    .getPayload()
                    .getSubject();
            return Long.parseLong(subject);
        } catch (ExpiredJwtException e) {
            throw new BizException(ErrorCode.TOKEN_EXPIRED);
        } catch (JwtException | IllegalArgumentException e) {
            throw new BizException(ErrorCode.TOKEN_INVALID);
        }
    }
}
