package com.dousheng.common.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dousheng.common.api.user.UserServiceClient;
import feign.RequestTemplate;
import feign.Target;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

class LeafGuardTest {
    private final LeafGuard guard = new LeafGuard();

    @AfterEach
    void noRequest() {
        RequestContextHolder.resetRequestAttributes();
    }

    @Test
    void aFeignCallWhileAnInternalRequestIsHandledIsRefusedAndNamesBothEnds() {
        handling("/internal/videos/rows");
        assertThatThrownBy(() -> guard.apply(template("/internal/users/profiles")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("/internal/videos/rows")
                .hasMessageContaining("user-service")
                .hasMessageContaining("/internal/users/profiles");
    }

    @Test
    void publicRequestsAndCallsOutsideAnyRequestPass() {
        RequestTemplate template = template("/internal/users/profiles");
        assertThatCode(() -> guard.apply(template)).doesNotThrowAnyException();

        for (String path : new String[] {"/douyin/feed/", "/douyin/user/", "/internals/x", "/static/internal/a.png"}) {
            handling(path);
            assertThatCode(() -> guard.apply(template)).as(path).doesNotThrowAnyException();
        }
        // the guard only reads the request: nothing about the outgoing call is changed
        assertThat(template.headers()).isEmpty();
    }

    private static void handling(String path) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", path);
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
    }

    private static RequestTemplate template(String path) {
        RequestTemplate template = new RequestTemplate();
        template.uri(path);
        template.feignTarget(new Target.HardCodedTarget<>(UserServiceClient.class, "user-service",
                "http://user-service"));
        return template;
    }
}
