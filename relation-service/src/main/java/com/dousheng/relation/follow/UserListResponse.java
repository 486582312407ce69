package com.dousheng.relation.follow;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** Follow, follower and friend lists: {@code T} is the User or the FriendUser object. */
public record UserListResponse<T>(@JsonProperty("status_code") int statusCode,
                                  @JsonProperty("status_msg") String statusMsg,
                                  @JsonProperty("user_list") List<T> userList) {

    public static <T> UserListResponse<T> of(List<T> users) {
        return new UserListResponse<>(0, "success", users);
    }
}
