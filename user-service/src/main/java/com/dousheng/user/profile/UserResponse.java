package com.dousheng.user.profile;

import com.dousheng.common.api.user.UserDTO;
import com.fasterxml.jackson.annotation.JsonProperty;

public record UserResponse(@JsonProperty("status_code") int statusCode,
                           @JsonProperty("status_msg") String statusMsg,
                           @JsonProperty("user") UserDTO user) {
}
