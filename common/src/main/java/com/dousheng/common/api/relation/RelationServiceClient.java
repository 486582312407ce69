package com.dousheng.common.api.relation;

import com.dousheng.common.cache.Codec;
import com.dousheng.common.cache.Space;
import java.util.List;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

/** Internal API of relation-service, a leaf: it answers from its own data and calls nobody. */
@FeignClient(name = "relation-service", contextId = "relationServiceClient", path = RelationServiceClient.PATH)
public interface RelationServiceClient {
    String PATH = "/internal/relations";
    String SERVICE = "relation-service";
    Space<RelationCounts> COUNTS = Space.mutable(SERVICE, "relation:counts",
            Codec.numbers(c -> new long[] {c.followCount(), c.followerCount()},
                    n -> new RelationCounts(-1, n[0], n[1])));
    /** Whether the viewer (the scope) follows the user. */
    Space<Boolean> FOLLOWS = Space.perViewer(SERVICE, "relation:follows", Codec.flag());

    /** Follow and follower counts of each user (one entry per requested id). */
    @PostMapping("/counts")
    List<RelationCounts> counts(@RequestBody List<Long> userIds);

    /** Those of the query's users that its viewer follows. */
    @PostMapping("/followed")
    List<Long> followedAmong(@RequestBody FollowQuery query);
}
