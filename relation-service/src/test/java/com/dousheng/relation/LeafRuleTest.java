package com.dousheng.relation;

import static org.assertj.core.api.Assertions.assertThat;

import com.dousheng.common.api.user.UserServiceClient;
import com.dousheng.common.api.relation.RelationServiceClient;
import com.dousheng.common.testsupport.LeafRule;
import com.dousheng.common.web.LeafGuard;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;

/** Issue 10 "Internal APIs are leaves", checked on this service's real context. */
class LeafRuleTest extends RelationServiceTestBase {
    @Autowired
    ConfigurableListableBeanFactory beans;

    @Test
    void noInternalHandlerReachesAnotherServicesClient() {
        List<String> checked = LeafRule.assertInternalHandlersAreLeaves(beans, RelationServiceClient.class);
        assertThat(checked).containsExactly("relationInternalController");
        assertThat(LeafRule.reachableFrom(beans, "relationInternalController")).contains("followStatsService", "readModel");
        // and at run time, a Feign call made during an /internal/ request is refused
        assertThat(beans.getBeanNamesForType(LeafGuard.class)).hasSize(1);
    }

    @Test
    void theSameWalkFindsTheOtherServicesBehindAPublicList() {
        Collection<Class<?>> reached = LeafRule.feignClientsReachableFrom(beans, "followController",
                RelationServiceClient.class).values().stream().flatMap(Collection::stream).toList();
        assertThat(reached).contains(UserServiceClient.class);
    }
}
