package com.dousheng.common.web;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The contract's envelope for endpoints that answer nothing else. */
public record BaseResponse(@JsonProperty("status_code") int statusCode,
                           @JsonProperty("status_msg") String statusMsg) {

    public static BaseResponse ok() {
        return new BaseResponse(0, "success");
    }

    public static BaseResponse of(ErrorCode code, String message) {
        return new BaseResponse(code.code(), message);
    }
}
