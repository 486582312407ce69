package com.dousheng.relation.follow;

import com.dousheng.common.api.message.LatestMessage;
import com.dousheng.common.api.user.UserDTO;
import com.fasterxml.jackson.annotation.JsonProperty;

/** API.md 2.5: every User field at the top level, plus the latest message between the viewer and this friend. */
public record FriendUser(
        @JsonProperty("id") long id,
        @JsonProperty("name") String name,
        @JsonProperty("follow_count") long followCount,
        @JsonProperty("follower_count") long followerCount,
        @JsonProperty("is_follow") boolean isFollow,
        @JsonProperty("avatar") String avatar,
        @JsonProperty("background_image") String backgroundImage,
        @JsonProperty("signature") String signature,
        @JsonProperty("total_favorited") long totalFavorited,
        @JsonProperty("work_count") long workCount,
        @JsonProperty("favorite_count") long favoriteCount,
        @JsonProperty("message") String message,
        @JsonProperty("msgType") long msgType) {

    public static FriendUser of(UserDTO user, LatestMessage latest) {
        return new FriendUser(user.id(), user.name(), user.followCount(), user.followerCount(), user.isFollow(),
                user.avatar(), user.backgroundImage(), user.signature(), user.totalFavorited(), user.workCount(),
                user.favoriteCount(), latest.content() == null ? "" : latest.content(), latest.msgType());
    }
}
