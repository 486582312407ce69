package com.dousheng.video.catalog;

import com.dousheng.common.api.video.UserWorkCount;
import com.dousheng.common.api.video.VideoRow;
import com.dousheng.common.api.video.VideoServiceClient;
import com.dousheng.common.cache.Codec;
import com.dousheng.common.cache.ReadModel;
import com.dousheng.common.cache.Space;
import com.dousheng.video.VideoProperties;
import com.dousheng.video.media.DefaultImages;
import com.dousheng.video.storage.Storage;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * video-service's entries of the read model, over MySQL: rows (immutable), work counts and each author's newest
 * videos (invalidated by a publish). Every read is one Redis round trip, plus one query for what Redis lacked.
 */
@Service
public class VideoCatalog {
    /** An author's newest videos, newest first; private to video-service. */
    static final Space<List<Long>> BY_AUTHOR = Space.mutable(VideoServiceClient.SERVICE, "video:by-author",
            Codec.ids());

    private final VideoMapper mapper;
    private final ReadModel readModel;
    private final Storage storage;
    private final int publishListLimit;

    public VideoCatalog(VideoMapper mapper, ReadModel readModel, Storage storage, VideoProperties properties) {
        this.mapper = mapper;
        this.readModel = readModel;
        this.storage = storage;
        this.publishListLimit = properties.publishListLimit();
    }

    /** The rows of those of {@code ids} that exist, in the order given. */
    public List<VideoRow> rows(Collection<Long> ids) {
        Map<Long, VideoRow> found = readModel.readThrough(VideoServiceClient.VIDEOS, null, ids, (scope, missing) -> {
            Map<Long, VideoRow> loaded = new HashMap<>();
            for (VideoEntity entity : mapper.selectByIds(missing)) {
                VideoRow row = toRow(entity.toVideo());
                loaded.put(row.id(), row);
            }
            return loaded;
        });
        List<VideoRow> rows = new ArrayList<>(ids.size());
        for (Long id : ids) {
            VideoRow row = found.get(id);
            if (row != null) {
                rows.add(row);
            }
        }
        return rows;
    }

    /** An author's newest videos, up to the publish list's limit. */
    public List<VideoRow> byAuthor(long authorId) {
        return rows(readModel.readList(BY_AUTHOR, authorId, () -> mapper.idsByAuthor(authorId, publishListLimit)));
    }

    /** Published video count for each of {@code userIds}, in request order, 0 included. */
    public List<UserWorkCount> workCounts(List<Long> userIds) {
        Map<Long, Long> counts = readModel.readThrough(VideoServiceClient.WORK_COUNTS, null, userIds,
                (scope, missing) -> {
                    Map<Long, Long> loaded = new HashMap<>();
                    missing.forEach(id -> loaded.put(id, 0L));
                    for (UserWorkCount c : mapper.countByAuthors(missing)) {
                        loaded.put(c.userId(), c.workCount());
                    }
                    return loaded;
                });
        return userIds.stream().distinct().filter(counts::containsKey)
                .map(id -> new UserWorkCount(id, counts.get(id))).toList();
    }

    /** After a publish has committed: the author's counts and list change for every instance at once. */
    public void published(VideoRow video) {
        readModel.invalidation()
                .add(VideoServiceClient.WORK_COUNTS, video.authorId())
                .add(BY_AUTHOR, video.authorId())
                .run();
    }

    public VideoRow toRow(Video video) {
        return new VideoRow(video.id(), video.authorId(), storage.url(video.playKey()),
                video.coverKey() == null ? DefaultImages.COVER_PATH : storage.url(video.coverKey()),
                video.title(), video.publishedAt());
    }
}
