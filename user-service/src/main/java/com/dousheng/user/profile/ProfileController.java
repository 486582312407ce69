package com.dousheng.user.profile;

import com.dousheng.common.api.user.UserDTO;
import com.dousheng.common.view.UserViews;
import com.dousheng.common.auth.Viewer;
import com.dousheng.common.web.BizException;
import com.dousheng.common.web.ErrorCode;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class ProfileController {
    private final UserViews views;

    public ProfileController(UserViews views) {
        this.views = views;
    }

    /** Another user's profile when {@code user_id} is given, else the caller's own (the Go suite omits it). */
    @GetMapping("/douyin/user/")
    public UserResponse userInfo(@RequestParam(name = "user_id", required = false) Long userId,
                                 @Viewer(required = true) Long viewerId) {
        long target = userId == null ? viewerId : userId;
        List<UserDTO> users = views.usersAsSeenBy(viewerId, List.of(target));
        if (users.isEmpty()) {
            throw new BizException(ErrorCode.USER_NOT_FOUND, "user " + target + " does not exist");
        }
        return new UserResponse(0, "success", users.get(0));
    }
}
