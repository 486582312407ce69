package com.dousheng.video;

import com.dousheng.common.api.interaction.InteractionServiceClient;
import com.dousheng.common.api.relation.RelationServiceClient;
import com.dousheng.common.api.user.UserServiceClient;
import com.dousheng.common.cache.CacheProperties;
import com.dousheng.common.cache.ReadModel;
import com.dousheng.common.view.UserViews;
import com.dousheng.common.view.VideoViews;
import com.dousheng.common.web.PublicUrls;
import com.dousheng.video.catalog.VideoCatalog;
import com.dousheng.video.catalog.VideoMapper;
import com.dousheng.video.feed.FeedIndex;
import com.dousheng.video.feed.FeedResponse;
import com.dousheng.video.feed.FeedService;
import com.dousheng.video.internal.VideoInternalController;
import com.dousheng.video.publish.PublishListController;
import com.dousheng.video.publish.VideoListResponse;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Another video-service instance in the same JVM: its own memory (read model values, feed index), the same MySQL
 * and Redis, the same (mocked) other services. What one instance writes, this one must see on its next read.
 */
public final class SecondInstance {
    public final ReadModel readModel;
    public final VideoCatalog catalog;
    public final FeedIndex feedIndex;
    public final FeedService feed;
    public final PublishListController publishList;

    public SecondInstance(VideoMapper mapper, StringRedisTemplate redis, VideoProperties properties,
                          CacheProperties cacheProperties, MeterRegistry meters,
                          com.dousheng.video.storage.Storage storage, PublicUrls publicUrls, Clock clock,
                          UserServiceClient users, RelationServiceClient relations,
                          InteractionServiceClient interactions) {
        this(mapper, redis, redis, properties, cacheProperties, meters, storage, publicUrls, clock, users, relations,
                interactions);
    }

    /** With {@code indexRedis} for the feed index's own clock reads and writes (a broken one, say). */
    public SecondInstance(VideoMapper mapper, StringRedisTemplate redis, StringRedisTemplate indexRedis,
                          VideoProperties properties, CacheProperties cacheProperties, MeterRegistry meters,
                          com.dousheng.video.storage.Storage storage, PublicUrls publicUrls, Clock clock,
                          UserServiceClient users, RelationServiceClient relations,
                          InteractionServiceClient interactions) {
        this.readModel = new ReadModel(redis, cacheProperties, meters);
        this.catalog = new VideoCatalog(mapper, readModel, storage, properties);
        VideoInternalController leaf = new VideoInternalController(catalog);
        UserViews userViews = new UserViews(readModel, users, relations, leaf, interactions, publicUrls);
        VideoViews videoViews = new VideoViews(readModel, userViews, leaf, interactions, publicUrls);
        this.feedIndex = new FeedIndex(mapper, indexRedis, properties);
        this.feed = new FeedService(feedIndex, catalog, mapper, videoViews, clock, properties);
        this.publishList = new PublishListController(catalog, videoViews);
    }

    public FeedResponse newest(Long viewerId) {
        return feed.page(null, viewerId);
    }

    public VideoListResponse publishListOf(long userId, Long viewerId) {
        return publishList.list(userId, viewerId);
    }
}
