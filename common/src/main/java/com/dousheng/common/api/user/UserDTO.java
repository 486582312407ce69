package com.dousheng.common.api.user;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The contract's User object (API.md 2.1), as seen by one viewer. Also the internal batch answer. */
public record UserDTO(
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
        @JsonProperty("favorite_count") long favoriteCount) {
}
