package com.dousheng.interaction.comment;

import com.dousheng.common.api.user.UserDTO;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The contract's Comment object (API.md 2.3). */
public record CommentView(@JsonProperty("id") long id,
                          @JsonProperty("user") UserDTO user,
                          @JsonProperty("content") String content,
                          @JsonProperty("create_date") String createDate) {
}
