package com.dousheng.user.account;

import com.dousheng.common.web.Failure;
import com.dousheng.common.web.FailureTranslator;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class AccountController {
    private final AccountService accountService;

    public AccountController(AccountService accountService) {
        this.accountService = accountService;
    }

    @PostMapping("/douyin/user/register/")
    public LoginResponse register(@RequestParam(required = false) String username,
                                  @RequestParam(required = false) String password) {
        return accountService.register(username, password);
    }

    @PostMapping("/douyin/user/login/")
    public LoginResponse login(@RequestParam(required = false) String username,
                               @RequestParam(required = false) String password) {
        return accountService.login(username, password);
    }

    /** Clients read {@code token} from every register answer, failures included (API.md 3.2). */
    @ExceptionHandler(Exception.class)
    public LoginResponse failure(Exception e, HttpServletRequest request) {
        Failure failure = FailureTranslator.translate(e, request);
        return LoginResponse.failure(failure.code().code(), failure.message());
    }
}
