package com.dousheng.user.profile;

import com.baomidou.mybatisplus.core.conditions.query.LambdaQueryWrapper;
import com.dousheng.common.api.user.UserBatchQuery;
import com.dousheng.common.api.user.UserDTO;
import com.dousheng.common.api.user.UserServiceClient;
import com.dousheng.user.account.UserAccount;
import com.dousheng.user.account.UserAccountMapper;
import java.util.List;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(UserServiceClient.PATH)
public class InternalUserController implements UserServiceClient {
    private final UserAssembler assembler;
    private final UserAccountMapper accounts;

    public InternalUserController(UserAssembler assembler, UserAccountMapper accounts) {
        this.assembler = assembler;
        this.accounts = accounts;
    }

    @Override
    public List<UserDTO> batchUsers(UserBatchQuery query) {
        return query.userIds() == null ? List.of() : assembler.usersAsSeenBy(query.viewerId(), query.userIds());
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
