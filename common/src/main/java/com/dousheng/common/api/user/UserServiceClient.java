package com.dousheng.common.api.user;

import java.util.List;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

/** Internal API of user-service. The provider's controller implements this interface, so both sides share it. */
@FeignClient(name = "user-service", contextId = "userServiceClient", path = UserServiceClient.PATH)
public interface UserServiceClient {
    String PATH = "/internal/users";

    /** Full User objects for {@code userIds} as {@code viewerId} sees them; unknown ids are left out. */
    @PostMapping("/batch")
    List<UserDTO> batchUsers(@RequestBody UserBatchQuery query);

    /** The subset of {@code userIds} that exist. */
    @PostMapping("/existing")
    List<Long> existingUserIds(@RequestBody List<Long> userIds);
}
