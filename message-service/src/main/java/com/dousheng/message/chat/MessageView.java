package com.dousheng.message.chat;

import com.fasterxml.jackson.annotation.JsonProperty;

/** API.md 2.4; {@code create_time} is epoch milliseconds. */
public record MessageView(@JsonProperty("id") long id,
                          @JsonProperty("to_user_id") long toUserId,
                          @JsonProperty("from_user_id") long fromUserId,
                          @JsonProperty("content") String content,
                          @JsonProperty("create_time") long createTime) {

    static MessageView of(Message message) {
        return new MessageView(message.getId(), message.getToUserId(), message.getFromUserId(),
                message.getContent(), message.getCreateTime());
    }
}
