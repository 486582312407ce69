package com.dousheng.message.chat;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

public record ChatResponse(@JsonProperty("status_code") int statusCode,
                           @JsonProperty("status_msg") String statusMsg,
                           @JsonProperty("message_list") List<MessageView> messageList) {

    static ChatResponse of(List<MessageView> messages) {
        return new ChatResponse(0, "success", messages);
    }
}
