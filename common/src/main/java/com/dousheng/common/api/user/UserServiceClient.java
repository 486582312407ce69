package com.dousheng.common.api.user;

import com.dousheng.common.cache.Codec;
import com.dousheng.common.cache.Space;
import java.util.List;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

/**
 * Internal API of user-service, a leaf: it answers from user-service's own data and calls nobody. The provider's
 * controller implements this interface, so both sides share it.
 */
@FeignClient(name = "user-service", contextId = "userServiceClient", path = UserServiceClient.PATH)
public interface UserServiceClient {
    String PATH = "/internal/users";
    String SERVICE = "user-service";
    /** Profiles never change after registration, so every reader also keeps them in memory. */
    Space<UserProfile> PROFILES = Space.immutable(SERVICE, "user:profile", Codec.json(UserProfile.class));

    /** Profiles of those of {@code userIds} that exist, in request order. */
    @PostMapping("/profiles")
    List<UserProfile> profiles(@RequestBody List<Long> userIds);

    /** The subset of {@code userIds} that exist. */
    @PostMapping("/existing")
    List<Long> existingUserIds(@RequestBody List<Long> userIds);
}
