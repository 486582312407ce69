package com.dousheng.message.chat;

import com.dousheng.common.auth.Viewer;
import com.dousheng.common.web.BaseResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** API.md 3.15 and 3.16. */
@RestController
@RequestMapping("/douyin/message")
public class ChatController {
    private final ChatService chats;

    public ChatController(ChatService chats) {
        this.chats = chats;
    }

    @PostMapping("/action/")
    public BaseResponse send(@Viewer(required = true) Long viewerId,
                             @RequestParam("to_user_id") Long toUserId,
                             @RequestParam("action_type") Integer actionType,
                             @RequestParam("content") String content) {
        chats.send(viewerId, toUserId, actionType, content);
        return BaseResponse.ok();
    }

    /** {@code pre_msg_time} absent (older clients) means the whole conversation. */
    @GetMapping("/chat/")
    public ChatResponse chat(@Viewer(required = true) Long viewerId,
                             @RequestParam("to_user_id") Long toUserId,
                             @RequestParam(value = "pre_msg_time", required = false) Long preMsgTime) {
        long after = preMsgTime == null ? 0 : preMsgTime;
        return ChatResponse.of(chats.chat(viewerId, toUserId, after).stream().map(MessageView::of).toList());
    }
}
