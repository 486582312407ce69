package com.dousheng.user.account;

import com.baomidou.mybatisplus.core.conditions.query.LambdaQueryWrapper;
import com.dousheng.common.auth.JwtService;
import com.dousheng.common.web.BizException;
import com.dousheng.common.web.ErrorCode;
import java.nio.charset.StandardCharsets;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Service;

@Service
public class AccountService {
    static final int MAX_USERNAME_LENGTH = 32;
    static final int MIN_PASSWORD_LENGTH = 6;
    static final int MAX_PASSWORD_LENGTH = 32;
    /** BCrypt reads at most 72 bytes of a password and Spring's encoder refuses longer ones outright. */
    static final int MAX_PASSWORD_BYTES = 72;

    private final UserAccountMapper accounts;
    private final JwtService jwtService;
    private final BCryptPasswordEncoder passwordEncoder = new BCryptPasswordEncoder();
    /** Compared against when the user does not exist, so that a login takes as long either way. */
    private final String dummyHash = passwordEncoder.encode("dummy-password-for-timing");

    public AccountService(UserAccountMapper accounts, JwtService jwtService) {
        this.accounts = accounts;
        this.jwtService = jwtService;
    }

    public LoginResponse register(String username, String password) {
        validate(username, password);
        UserAccount account = new UserAccount(username, passwordEncoder.encode(password));
        try {
            accounts.insert(account);
        } catch (DuplicateKeyException e) {
            throw new BizException(ErrorCode.USERNAME_TAKEN, "username '" + username + "' is already taken");
        }
        return LoginResponse.success(account.getId(), jwtService.issue(account.getId()));
    }

    public LoginResponse login(String username, String password) {
        requirePresent(username, "username");
        requirePresent(password, "password");
        // no stored password can be this long, and BCrypt would refuse to compare it
        requireBcryptLength(password);
        UserAccount account = username.length() > MAX_USERNAME_LENGTH ? null
                : accounts.selectOne(new LambdaQueryWrapper<UserAccount>().eq(UserAccount::getUsername, username));
        boolean matches = passwordEncoder.matches(password, account == null ? dummyHash : account.getPasswordHash());
        if (account == null || !matches) {
            throw new BizException(ErrorCode.BAD_CREDENTIALS);
        }
        return LoginResponse.success(account.getId(), jwtService.issue(account.getId()));
    }

    private static void validate(String username, String password) {
        requirePresent(username, "username");
        requirePresent(password, "password");
        if (username.length() > MAX_USERNAME_LENGTH || username.chars().anyMatch(Character::isWhitespace)) {
            throw new BizException(ErrorCode.INVALID_PARAMETER,
                    "username must be 1 to " + MAX_USERNAME_LENGTH + " characters without spaces");
        }
        if (password.length() < MIN_PASSWORD_LENGTH || password.length() > MAX_PASSWORD_LENGTH) {
            throw new BizException(ErrorCode.INVALID_PARAMETER,
                    "password must be " + MIN_PASSWORD_LENGTH + " to " + MAX_PASSWORD_LENGTH + " characters");
        }
        requireBcryptLength(password);
    }

    private static void requireBcryptLength(String password) {
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            throw new BizException(ErrorCode.INVALID_PARAMETER, "password is too long: at most " + MAX_PASSWORD_BYTES
                    + " bytes in UTF-8 (about 24 Chinese characters)");
        }
    }

    private static void requirePresent(String value, String name) {
        if (value == null || value.isEmpty()) {
            throw new BizException(ErrorCode.MISSING_PARAMETER, "parameter '" + name + "' is required");
        }
    }
}
