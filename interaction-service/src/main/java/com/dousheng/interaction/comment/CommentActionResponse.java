package com.dousheng.interaction.comment;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code comment} is the stored comment on a post, and the removed one on a delete. */
public record CommentActionResponse(@JsonProperty("status_code") int statusCode,
                                    @JsonProperty("status_msg") String statusMsg,
                                    @JsonProperty("comment") CommentView comment) {
    public static CommentActionResponse of(CommentView comment) {
        return new CommentActionResponse(0, "success", comment);
    }
}
