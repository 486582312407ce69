package com.dousheng.gateway.throttle;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A refused login or register keeps {@code user_id} 0 and {@code token} "", as user-service's failures do (API.md 3.2). */
record LoginRefusal(@JsonProperty("status_code") int statusCode,
                    @JsonProperty("status_msg") String statusMsg,
                    @JsonProperty("user_id") long userId,
                    @JsonProperty("token") String token) {
    LoginRefusal(int statusCode, String statusMsg) {
        this(statusCode, statusMsg, 0, "");
    }
}
