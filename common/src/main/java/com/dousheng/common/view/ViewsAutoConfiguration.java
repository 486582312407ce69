package com.dousheng.common.view;

import com.dousheng.common.api.interaction.InteractionServiceClient;
import com.dousheng.common.api.relation.RelationServiceClient;
import com.dousheng.common.api.user.UserServiceClient;
import com.dousheng.common.api.video.VideoServiceClient;
import com.dousheng.common.cache.ReadModel;
import com.dousheng.common.web.PublicUrls;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.context.annotation.Bean;

/**
 * The composers, in every service that answers public requests with users or videos. Each owner's leaf is its
 * Feign client in the other services and its own internal controller (which implements the same interface) at
 * home, so a service never calls itself over HTTP.
 */
@AutoConfiguration(afterName = {"com.dousheng.common.cache.ReadModelAutoConfiguration",
        "com.dousheng.common.web.ServiceWebAutoConfiguration"})
@ConditionalOnBean({ReadModel.class, PublicUrls.class, UserServiceClient.class, RelationServiceClient.class,
        VideoServiceClient.class, InteractionServiceClient.class})
public class ViewsAutoConfiguration {

    @Bean
    public UserViews userViews(ReadModel readModel, UserServiceClient users, RelationServiceClient relations,
                               VideoServiceClient videos, InteractionServiceClient interactions,
                               PublicUrls publicUrls) {
        return new UserViews(readModel, users, relations, videos, interactions, publicUrls);
    }

    @Bean
    public VideoViews videoViews(ReadModel readModel, UserViews userViews, VideoServiceClient videos,
                                 InteractionServiceClient interactions, PublicUrls publicUrls) {
        return new VideoViews(readModel, userViews, videos, interactions, publicUrls);
    }
}
