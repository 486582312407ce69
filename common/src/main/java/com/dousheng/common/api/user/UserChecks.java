package com.dousheng.common.api.user;

import com.dousheng.common.web.BizException;
import com.dousheng.common.web.ErrorCode;
import java.util.List;

/**
 * Checks against user-service that several services make. Static helpers rather than default methods on
 * {@link UserServiceClient}: tests replace the client with a Mockito mock, which would silently stub a default
 * method away.
 */
public final class UserChecks {
    private UserChecks() {
    }

    /** Refuses with USER_NOT_FOUND and {@code refusal} as the message unless user-service knows {@code userId}. */
    public static void requireExists(UserServiceClient users, long userId, String refusal) {
        if (!users.existingUserIds(List.of(userId)).contains(userId)) {
            throw new BizException(ErrorCode.USER_NOT_FOUND, refusal);
        }
    }
}
