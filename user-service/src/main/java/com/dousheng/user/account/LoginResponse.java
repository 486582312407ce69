package com.dousheng.user.account;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Register and login answer; failures keep {@code user_id} 0 and {@code token} "" (API.md 3.2). */
public record LoginResponse(@JsonProperty("status_code") int statusCode,
                            @JsonProperty("status_msg") String statusMsg,
                            @JsonProperty("user_id") long userId,
                            @JsonProperty("token") String token) {

    static LoginResponse success(long userId, String token) {
        return new LoginResponse(0, "success", userId, token);
    }

    static LoginResponse failure(int code, String message) {
        return new LoginResponse(code, message, 0, "");
    }
}
