package com.dousheng.common.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The leaf rule's check itself, on small contexts where the answer is known. */
class LeafRuleTest {

    @FeignClient(name = "own", path = "/internal/own")
    interface OwnClient {
        @PostMapping("/things")
        List<Long> things(List<Long> ids);
    }

    @FeignClient(name = "other")
    interface OtherClient {
        @PostMapping("/internal/other/stuff")
        List<Long> stuff(List<Long> ids);
    }

    /** Its own data only. */
    static class Store {
    }

    /** Reaches another service, one bean removed from the controller. */
    static class Composer {
        Composer(Store store, OtherClient other) {
        }
    }

    @RestController
    @RequestMapping("/internal/own")
    static class LeafController implements OwnClient {
        LeafController(Store store) {
        }

        @Override
        public List<Long> things(List<Long> ids) {
            return ids;
        }
    }

    /** Mapped under /internal through its method only. */
    @RestController
    static class CallingController {
        CallingController(Composer composer) {
        }

        @GetMapping("/internal/own/composed")
        public String composed() {
            return "";
        }
    }

    @RestController
    static class PublicController {
        PublicController(Composer composer) {
        }

        @GetMapping("/douyin/feed/")
        public String feed() {
            return "";
        }
    }

    private static AnnotationConfigApplicationContext context(Class<?>... controllers) {
        AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
        context.registerBean(OtherClient.class, () -> mock(OtherClient.class));
        context.register(Store.class, Composer.class);
        context.register(controllers);
        context.refresh();
        return context;
    }

    @Test
    void leafHandlersPassAndPublicControllersMayCompose() {
        try (var context = context(LeafController.class, PublicController.class)) {
            List<String> checked = LeafRule.assertInternalHandlersAreLeaves(context.getBeanFactory(), OwnClient.class);
            assertThat(checked).containsExactly("leafRuleTest.LeafController");
            assertThat(LeafRule.reachableFrom(context.getBeanFactory(), checked.get(0)))
                    .contains("leafRuleTest.Store");
        }
    }

    @Test
    void anInternalHandlerThatReachesAnotherServicesClientFailsAndSaysThrough() {
        try (var context = context(LeafController.class, CallingController.class)) {
            assertThatThrownBy(() -> LeafRule.assertInternalHandlersAreLeaves(context.getBeanFactory(),
                    OwnClient.class))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("leafRuleTest.CallingController -> leafRuleTest.Composer -> ")
                    .hasMessageContaining(OtherClient.class.getName())
                    .message().doesNotContain("leafRuleTest.LeafController reaches");
        }
    }

    @Test
    void theWalkFindsForeignClientsBehindAPublicController() {
        try (var context = context(PublicController.class)) {
            assertThat(LeafRule.internalHandlers(context.getBeanFactory())).isEmpty();
            assertThat(LeafRule.feignClientsReachableFrom(context.getBeanFactory(), "leafRuleTest.PublicController",
                    OwnClient.class)).containsValue(java.util.Set.of(OtherClient.class));
        }
    }
}
