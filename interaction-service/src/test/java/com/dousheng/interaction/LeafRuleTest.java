package com.dousheng.interaction;

import static org.assertj.core.api.Assertions.assertThat;

import com.dousheng.common.api.video.VideoServiceClient;
import com.dousheng.common.api.interaction.InteractionServiceClient;
import com.dousheng.common.testsupport.LeafRule;
import com.dousheng.common.web.LeafGuard;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;

/** Issue 10 "Internal APIs are leaves", checked on this service's real context. */
class LeafRuleTest extends InteractionTestBase {
    @Autowired
    ConfigurableListableBeanFactory beans;

    @Test
    void noInternalHandlerReachesAnotherServicesClient() {
        List<String> checked = LeafRule.assertInternalHandlersAreLeaves(beans, InteractionServiceClient.class);
        assertThat(checked).containsExactly("interactionInternalController");
        assertThat(LeafRule.reachableFrom(beans, "interactionInternalController")).contains("interactionCounts", "readModel");
        // and at run time, a Feign call made during an /internal/ request is refused
        assertThat(beans.getBeanNamesForType(LeafGuard.class)).hasSize(1);
    }

    @Test
    void theSameWalkFindsTheOtherServicesBehindAPublicList() {
        Collection<Class<?>> reached = LeafRule.feignClientsReachableFrom(beans, "favoriteController",
                InteractionServiceClient.class).values().stream().flatMap(Collection::stream).toList();
        assertThat(reached).contains(VideoServiceClient.class);
    }
}
