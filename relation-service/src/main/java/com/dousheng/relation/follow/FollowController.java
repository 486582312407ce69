package com.dousheng.relation.follow;

import com.dousheng.common.api.user.UserDTO;
import com.dousheng.common.auth.Viewer;
import com.dousheng.common.web.BaseResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** API.md 3.11 to 3.14. */
@RestController
@RequestMapping("/douyin/relation")
public class FollowController {
    private final FollowService follows;

    public FollowController(FollowService follows) {
        this.follows = follows;
    }

    @PostMapping("/action/")
    public BaseResponse action(@Viewer(required = true) Long viewerId,
                               @RequestParam("to_user_id") Long toUserId,
                               @RequestParam("action_type") Integer actionType) {
        follows.act(viewerId, toUserId, actionType);
        return BaseResponse.ok();
    }

    @GetMapping("/follow/list/")
    public UserListResponse<UserDTO> followList(@Viewer Long viewerId, @RequestParam("user_id") Long userId) {
        return UserListResponse.of(follows.followList(viewerId, userId));
    }

    @GetMapping("/follower/list/")
    public UserListResponse<UserDTO> followerList(@Viewer Long viewerId, @RequestParam("user_id") Long userId) {
        return UserListResponse.of(follows.followerList(viewerId, userId));
    }

    @GetMapping("/friend/list/")
    public UserListResponse<FriendUser> friendList(@Viewer(required = true) Long viewerId,
                                                   @RequestParam("user_id") Long userId) {
        return UserListResponse.of(follows.friendList(viewerId, userId));
    }
}
