package com.dousheng.interaction.comment;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

public record CommentListResponse(@JsonProperty("status_code") int statusCode,
                                  @JsonProperty("status_msg") String statusMsg,
                                  @JsonProperty("comment_list") List<CommentView> commentList) {
    public static CommentListResponse of(List<CommentView> comments) {
        return new CommentListResponse(0, "success", comments);
    }
}
