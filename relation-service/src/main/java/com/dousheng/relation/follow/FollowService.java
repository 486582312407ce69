package com.dousheng.relation.follow;

import com.dousheng.common.api.message.LatestMessage;
import com.dousheng.common.api.message.LatestMessageQuery;
import com.dousheng.common.api.message.MessageServiceClient;
import com.dousheng.common.api.user.UserDTO;
import com.dousheng.common.data.LockConflicts;
import com.dousheng.common.view.UserViews;
import com.dousheng.relation.RelationProperties;
import com.dousheng.common.api.user.UserChecks;
import com.dousheng.common.api.user.UserServiceClient;
import com.dousheng.common.web.BizException;
import com.dousheng.common.web.ErrorCode;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/** Following and unfollowing, and the three user lists, each capped at {@code dousheng.relation.list-limit}. */
@Service
public class FollowService {
    public static final int FOLLOW = 1;
    public static final int UNFOLLOW = 2;

    private final FollowMapper follows;
    private final FollowStatsService stats;
    private final UserServiceClient users;
    private final UserViews userViews;
    private final MessageServiceClient messages;
    private final int listLimit;

    public FollowService(FollowMapper follows, FollowStatsService stats, UserServiceClient users, UserViews userViews,
                         MessageServiceClient messages, RelationProperties properties) {
        this.follows = follows;
        this.stats = stats;
        this.users = users;
        this.userViews = userViews;
        this.messages = messages;
        this.listLimit = properties.listLimit();
    }

    /** Idempotent: the unique pair makes a repeated follow (or unfollow) change nothing. */
    public void act(long viewerId, long toUserId, int actionType) {
        if (actionType != FOLLOW && actionType != UNFOLLOW) {
            throw new BizException(ErrorCode.INVALID_PARAMETER, "action_type must be 1 (follow) or 2 (unfollow)");
        }
        if (viewerId == toUserId) {
            throw new BizException(ErrorCode.CANNOT_FOLLOW_SELF);
        }
        UserChecks.requireExists(users, toUserId, "user " + toUserId + " does not exist");
        if (actionType == FOLLOW) {
            LockConflicts.retried(() -> follows.insertIfAbsent(viewerId, toUserId));
        } else {
            LockConflicts.retried(() -> follows.delete(viewerId, toUserId));
        }
        // the statement has committed (no surrounding transaction)
        stats.followChanged(viewerId, toUserId);
    }

    /** Users {@code userId} follows, newest first, as {@code viewerId} sees them. */
    public List<UserDTO> followList(Long viewerId, long userId) {
        return usersAsSeenBy(viewerId, stats.followeeIds(userId, listLimit));
    }

    /** Users following {@code userId}, newest first, as {@code viewerId} sees them. */
    public List<UserDTO> followerList(Long viewerId, long userId) {
        return usersAsSeenBy(viewerId, stats.followerIds(userId, listLimit));
    }

    /** Mutual follows of {@code userId}, each with the latest message between the viewer and that friend. */
    public List<FriendUser> friendList(long viewerId, long userId) {
        List<UserDTO> friends = usersAsSeenBy(viewerId, stats.friendIds(userId, listLimit));
        if (friends.isEmpty()) {
            return List.of();
        }
        List<Long> friendIds = friends.stream().map(UserDTO::id).toList();
        Map<Long, LatestMessage> latest = messages.latestMessages(new LatestMessageQuery(viewerId, friendIds))
                .stream().collect(Collectors.toMap(LatestMessage::peerId, Function.identity(), (a, b) -> a));
        return friends.stream()
                .map(user -> FriendUser.of(user, latest.getOrDefault(user.id(), LatestMessage.none(user.id()))))
                .toList();
    }

    private List<UserDTO> usersAsSeenBy(Long viewerId, List<Long> ids) {
        return ids.isEmpty() ? List.of() : userViews.usersAsSeenBy(viewerId, ids);
    }
}
