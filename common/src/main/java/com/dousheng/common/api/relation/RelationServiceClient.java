package com.dousheng.common.api.relation;

import java.util.List;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

/** Internal API of relation-service. */
@FeignClient(name = "relation-service", contextId = "relationServiceClient", path = RelationServiceClient.PATH)
public interface RelationServiceClient {
    String PATH = "/internal/relations";

    /** Follow counts and the viewer's follow state for each user (one entry per requested id). */
    @PostMapping("/user-stats")
    List<RelationStats> userStats(@RequestBody RelationStatsQuery query);
}
