package com.dousheng.message.internal;

import com.dousheng.common.api.message.LatestMessage;
import com.dousheng.common.api.message.LatestMessageQuery;
import com.dousheng.common.api.message.MessageServiceClient;
import com.dousheng.message.chat.ChatService;
import java.util.List;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Provider side of {@link MessageServiceClient}; mappings come from the shared interface. */
@RestController
@RequestMapping(MessageServiceClient.PATH)
public class MessageInternalController implements MessageServiceClient {
    private final ChatService chats;

    public MessageInternalController(ChatService chats) {
        this.chats = chats;
    }

    @Override
    public List<LatestMessage> latestMessages(LatestMessageQuery query) {
        return chats.latest(query.viewerId(), query.peerIds());
    }
}
