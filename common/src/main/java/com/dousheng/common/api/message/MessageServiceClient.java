package com.dousheng.common.api.message;

import java.util.List;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

/** Internal API of message-service. */
@FeignClient(name = "message-service", contextId = "messageServiceClient", path = MessageServiceClient.PATH)
public interface MessageServiceClient {
    String PATH = "/internal/messages";

    /** The latest message with each peer (one entry per requested id). */
    @PostMapping("/latest")
    List<LatestMessage> latestMessages(@RequestBody LatestMessageQuery query);
}
