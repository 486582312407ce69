package com.dousheng.relation.follow;

import com.dousheng.common.api.message.LatestMessage;
import com.dousheng.common.api.user.UserDTO;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** API.md 2.5: every User field at the top level, plus the latest message between the viewer and this friend. */
public record FriendUser(
        @JsonUnwrapped UserDTO user,
        @JsonProperty("message") String message,
        @JsonProperty("msgType") long msgType) {

    public static FriendUser of(UserDTO user, LatestMessage latest) {
        return new FriendUser(user, latest.content() == null ? "" : latest.content(), latest.msgType());
    }
}
