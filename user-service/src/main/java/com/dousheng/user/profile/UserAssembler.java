package com.dousheng.user.profile;

import com.dousheng.common.api.interaction.InteractionServiceClient;
import com.dousheng.common.api.interaction.UserInteractionStats;
import com.dousheng.common.api.relation.RelationServiceClient;
import com.dousheng.common.api.relation.RelationStats;
import com.dousheng.common.api.relation.RelationStatsQuery;
import com.dousheng.common.api.user.UserDTO;
import com.dousheng.common.api.video.UserWorkCount;
import com.dousheng.common.api.video.VideoServiceClient;
import com.dousheng.common.remote.DegradedCalls;
import com.dousheng.common.web.PublicUrls;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/**
 * Builds full User objects for many users as one viewer sees them: one cache/DB read for the profiles, then one
 * batch call to each service that owns a counter, whatever the number of users. A counter whose owner does not
 * answer is served as 0 (and counted in the failure metric) rather than failing the whole list.
 */
@Service
public class UserAssembler {
    private final ProfileStore profiles;
    private final RelationServiceClient relations;
    private final VideoServiceClient videos;
    private final InteractionServiceClient interactions;
    private final DegradedCalls degradedCalls;
    private final PublicUrls publicUrls;
    private final UserProfileProperties properties;

    public UserAssembler(ProfileStore profiles, RelationServiceClient relations, VideoServiceClient videos,
                         InteractionServiceClient interactions, DegradedCalls degradedCalls, PublicUrls publicUrls,
                         UserProfileProperties properties) {
        this.profiles = profiles;
        this.relations = relations;
        this.videos = videos;
        this.interactions = interactions;
        this.degradedCalls = degradedCalls;
        this.publicUrls = publicUrls;
        this.properties = properties;
    }

    /** Users in the order of {@code userIds}; ids that do not exist are left out. */
    public List<UserDTO> usersAsSeenBy(Long viewerId, List<Long> userIds) {
        Map<Long, CachedProfile> found = profiles.find(userIds);
        if (found.isEmpty()) {
            return List.of();
        }
        List<Long> ids = List.copyOf(found.keySet());
        Map<Long, RelationStats> relationStats = byId(degradedCalls.callOrFallback("relation-service",
                () -> relations.userStats(new RelationStatsQuery(viewerId, ids)), List::of), RelationStats::userId);
        Map<Long, UserWorkCount> workCounts = byId(degradedCalls.callOrFallback("video-service",
                () -> videos.workCounts(ids), List::of), UserWorkCount::userId);
        Map<Long, UserInteractionStats> interactionStats = byId(degradedCalls.callOrFallback("interaction-service",
                () -> interactions.userStats(ids), List::of), UserInteractionStats::userId);

        List<UserDTO> users = new ArrayList<>(userIds.size());
        for (Long id : userIds) {
            CachedProfile profile = found.get(id);
            if (profile == null) {
                continue;
            }
            RelationStats relation = relationStats.getOrDefault(id, RelationStats.empty(id));
            UserInteractionStats interaction = interactionStats.getOrDefault(id, UserInteractionStats.empty(id));
            long works = workCounts.containsKey(id) ? workCounts.get(id).workCount() : 0;
            users.add(new UserDTO(id, profile.name(), relation.followCount(), relation.followerCount(),
                    viewerId != null && !viewerId.equals(id) && relation.followedByViewer(),
                    publicUrls.absolute(orDefault(profile.avatar(), properties.defaultAvatar())),
                    publicUrls.absolute(orDefault(profile.backgroundImage(), properties.defaultBackground())),
                    orDefault(profile.signature(), properties.defaultSignature()),
                    interaction.totalFavorited(), works, interaction.favoriteCount()));
        }
        return users;
    }

    private static <T> Map<Long, T> byId(List<T> values, Function<T, Long> id) {
        return values.stream().collect(Collectors.toMap(id, Function.identity(), (a, b) -> a));
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isEmpty() ? fallback : value;
    }
}
