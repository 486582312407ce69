package com.dousheng.common.api.video;

import com.dousheng.common.api.user.UserDTO;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The contract's Video object (API.md 2.2), as seen by one viewer. */
public record VideoDTO(
        @JsonProperty("id") long id,
        @JsonProperty("author") UserDTO author,
        @JsonProperty("play_url") String playUrl,
        @JsonProperty("cover_url") String coverUrl,
        @JsonProperty("favorite_count") long favoriteCount,
        @JsonProperty("comment_count") long commentCount,
        @JsonProperty("is_favorite") boolean isFavorite,
        @JsonProperty("title") String title) {
}
