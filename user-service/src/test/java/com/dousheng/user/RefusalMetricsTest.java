package com.dousheng.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;

import com.dousheng.common.auth.AuthHeaders;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Refusals answer HTTP 200, so only the {@code exception} tag of {@code http.server.requests} tells them from
 * successes in Prometheus (the dashboard's error panels, docs/operations.md).
 */
class RefusalMetricsTest extends UserServiceTestBase {
    @Autowired
    MeterRegistry meters;

    private double count(String uri, String exception) {
        Timer timer = meters.find("http.server.requests").tag("uri", uri).tag("exception", exception).timer();
        return timer == null ? 0 : timer.count();
    }

    @Test
    void aRefusalIsTaggedWithItsExceptionAndASuccessIsNot() throws Exception {
        String name = uniqueName("metrics");
        mvc.perform(post("/douyin/user/register/").queryParam("username", name).queryParam("password", "secret123"))
                .andExpect(jsonPath("$.status_code").value(0));
        assertThat(count("/douyin/user/register/", "none")).isPositive();
        double refusedBefore = count("/douyin/user/", "BizException");
        double servedBefore = count("/douyin/user/", "none");
        double badLoginsBefore = count("/douyin/user/login/", "BizException");

        mvc.perform(get("/douyin/user/").queryParam("user_id", "987654321").header(AuthHeaders.USER_ID, "1"))
                .andExpect(jsonPath("$.status_code").value(3003));
        mvc.perform(post("/douyin/user/login/").queryParam("username", name).queryParam("password", "wrong-pass"))
                .andExpect(jsonPath("$.status_code").value(3002));

        assertThat(count("/douyin/user/", "BizException")).isEqualTo(refusedBefore + 1);
        assertThat(count("/douyin/user/", "none")).isEqualTo(servedBefore);
        assertThat(count("/douyin/user/login/", "BizException")).isEqualTo(badLoginsBefore + 1);
    }
}
