package com.dousheng.common.view;

import com.dousheng.common.api.interaction.InteractionServiceClient;
import com.dousheng.common.api.interaction.UserInteractionStats;
import com.dousheng.common.api.relation.FollowQuery;
import com.dousheng.common.api.relation.RelationCounts;
import com.dousheng.common.api.relation.RelationServiceClient;
import com.dousheng.common.api.user.UserDTO;
import com.dousheng.common.api.user.UserProfile;
import com.dousheng.common.api.user.UserServiceClient;
import com.dousheng.common.api.video.UserWorkCount;
import com.dousheng.common.api.video.VideoServiceClient;
import com.dousheng.common.cache.ReadModel;
import com.dousheng.common.web.PublicUrls;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Composes the contract's User objects in the service that answers the public request: the profile from
 * user-service's entries, counts and the viewer's follow from relation-service's, likes from interaction-service's
 * and the work count from video-service's, all read in the caller's one read-model round trip. Only what Redis
 * lacks goes to the owners' leaf APIs, one batch call each.
 */
public class UserViews {
    private final ReadModel readModel;
    private final UserServiceClient users;
    private final RelationServiceClient relations;
    private final VideoServiceClient videos;
    private final InteractionServiceClient interactions;
    private final PublicUrls publicUrls;

    public UserViews(ReadModel readModel, UserServiceClient users, RelationServiceClient relations,
                     VideoServiceClient videos, InteractionServiceClient interactions, PublicUrls publicUrls) {
        this.readModel = readModel;
        this.users = users;
        this.relations = relations;
        this.videos = videos;
        this.interactions = interactions;
        this.publicUrls = publicUrls;
    }

    /** Users in the order of {@code userIds}, as {@code viewerId} (null: anonymous) sees them; unknown ids left out. */
    public List<UserDTO> usersAsSeenBy(Long viewerId, List<Long> userIds) {
        ReadModel.Batch batch = readModel.batch();
        Pending pending = add(batch, viewerId, userIds);
        batch.run();
        List<UserDTO> result = new ArrayList<>(userIds.size());
        for (Long id : userIds) {
            UserDTO user = pending.user(id);
            if (user != null) {
                result.add(user);
            }
        }
        return result;
    }

    /** Adds the lookups of these users to a batch the caller runs, so that a list costs one round trip in all. */
    public Pending add(ReadModel.Batch batch, Long viewerId, Collection<Long> userIds) {
        var profiles = batch.remote(UserServiceClient.PROFILES, null, userIds,
                (scope, ids) -> Leaves.byId(users.profiles(ids), UserProfile::id, Function.identity()));
        var counts = batch.remote(RelationServiceClient.COUNTS, null, userIds,
                (scope, ids) -> Leaves.byId(relations.counts(ids), RelationCounts::userId, Function.identity()));
        var works = batch.remote(VideoServiceClient.WORK_COUNTS, null, userIds,
                (scope, ids) -> Leaves.byId(videos.workCounts(ids), UserWorkCount::userId, UserWorkCount::workCount));
        var likes = batch.remote(InteractionServiceClient.USER_COUNTS, null, userIds,
                (scope, ids) -> Leaves.byId(interactions.userStats(ids), UserInteractionStats::userId,
                        Function.identity()));
        ReadModel.Lookup<Boolean> follows = viewerId == null ? null
                : batch.remote(RelationServiceClient.FOLLOWS, viewerId,
                        userIds.stream().filter(id -> !id.equals(viewerId)).toList(),
                        (viewer, ids) -> ReadModel.flags(ids, relations.followedAmong(new FollowQuery(viewer, ids))));
        return id -> {
            UserProfile profile = profiles.get(id);
            if (profile == null) {
                return null;
            }
            RelationCounts relation = counts.get(id);
            UserInteractionStats interaction = likes.get(id);
            Long workCount = works.get(id);
            if (relation == null || interaction == null || workCount == null) {
                // every owner answered for every id it was asked, so this is a leaf that broke its contract
                throw new IllegalStateException("incomplete counts for user " + id);
            }
            boolean followed = follows != null && Boolean.TRUE.equals(follows.get(id));
            return new UserDTO(id, profile.name(), relation.followCount(), relation.followerCount(), followed,
                    publicUrls.absolute(profile.avatar()), publicUrls.absolute(profile.backgroundImage()),
                    profile.signature(), interaction.totalFavorited(), workCount, interaction.favoriteCount());
        };
    }

    /** The users of one batch, available once it has run. */
    @FunctionalInterface
    public interface Pending {
        /** The user as the viewer sees them, or null when there is no such user. */
        UserDTO user(long id);
    }
}
