package com.dousheng.user.profile;

import com.baomidou.mybatisplus.core.conditions.query.LambdaQueryWrapper;
import com.dousheng.common.api.user.UserProfile;
import com.dousheng.common.api.user.UserServiceClient;
import com.dousheng.user.account.UserAccount;
import com.dousheng.user.account.UserAccountMapper;
import java.util.List;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Provider side of {@link UserServiceClient}: a leaf over user-service's own entries and table. */
@RestController
@RequestMapping(UserServiceClient.PATH)
public class InternalUserController implements UserServiceClient {
    private final ProfileStore profiles;
    private final UserAccountMapper accounts;

    public InternalUserController(ProfileStore profiles, UserAccountMapper accounts) {
        this.profiles = profiles;
        this.accounts = accounts;
    }

    @Override
    public List<UserProfile> profiles(List<Long> userIds) {
        return userIds == null ? List.of() : profiles.find(userIds.stream().distinct().toList());
    }

    @Override
    public List<Long> existingUserIds(List<Long> userIds) {
        if (userIds == null || userIds.isEmpty()) {
            return List.of();
        }
        return accounts.selectList(new LambdaQueryWrapper<UserAccount>()
                        .select(UserAccount::getId).in(UserAccount::getId, userIds))
                .stream().map(UserAccount::getId).toList();
    }
}
