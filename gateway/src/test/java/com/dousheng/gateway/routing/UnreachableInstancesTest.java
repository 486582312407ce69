package com.dousheng.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.dousheng.gateway.observability.TraceLogging;
import io.micrometer.tracing.Tracer;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.CompletionContext;
import org.springframework.cloud.client.loadbalancer.DefaultRequest;
import org.springframework.cloud.client.loadbalancer.DefaultResponse;

class UnreachableInstancesTest {
    private static final ServiceInstance FIRST = new DefaultServiceInstance("v1", "video-service", "10.0.0.1", 8082,
            false);
    private static final ServiceInstance SECOND = new DefaultServiceInstance("v2", "video-service", "10.0.0.2", 8082,
            false);
    private static final List<ServiceInstance> BOTH = List.of(FIRST, SECOND);

    private final AtomicLong now = new AtomicLong();
    private final UnreachableInstances unreachable = new UnreachableInstances(Duration.ofSeconds(10), now::get,
            new TraceLogging(new StaticListableBeanFactory().getBeanProvider(Tracer.class)));

    @Test
    void aRefusedConnectionSkipsThatInstanceUntilThePauseEnds() {
        fail(FIRST, new ConnectException("Connection refused"));

        assertThat(unreachable.reachable(BOTH)).containsExactly(SECOND);
        now.addAndGet(Duration.ofSeconds(9).toNanos());
        assertThat(unreachable.reachable(BOTH)).containsExactly(SECOND);
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(unreachable.reachable(BOTH)).containsExactly(FIRST, SECOND);
    }

    @Test
    void anInstanceThatFailsAgainAfterThePauseIsSkippedAgain() {
        fail(FIRST, new ConnectException("Connection refused"));
        now.addAndGet(Duration.ofSeconds(10).toNanos());
        assertThat(unreachable.reachable(List.of(SECOND))).as("FIRST has left the list").containsExactly(SECOND);

        fail(FIRST, new ConnectException("Connection refused"));
        assertThat(unreachable.reachable(BOTH)).containsExactly(SECOND);
    }

    @Test
    void aConnectionClosedUnansweredCountsEvenWhenWrapped() {
        fail(SECOND, new IllegalStateException("routing failed", new IOException("Connection prematurely closed")));

        assertThat(unreachable.reachable(BOTH)).containsExactly(FIRST);
    }

    @Test
    void timeoutsAndOtherFailuresDoNotCount() {
        fail(FIRST, new TimeoutException("no answer in 60 s"));
        fail(FIRST, new IOException("read timed out", new java.net.SocketTimeoutException()));
        fail(SECOND, new IllegalArgumentException("a bug of ours, not the instance's"));

        assertThat(unreachable.reachable(BOTH)).containsExactly(FIRST, SECOND);
    }

    @Test
    void successfulExchangesDoNotCount() {
        unreachable.onComplete(new CompletionContext<>(CompletionContext.Status.SUCCESS, new DefaultRequest<>(),
                new DefaultResponse(FIRST)));

        assertThat(unreachable.reachable(BOTH)).containsExactly(FIRST, SECOND);
    }

    @Test
    void whenEveryInstanceFailedAllAreTriedRatherThanNone() {
        fail(FIRST, new ConnectException("Connection refused"));
        fail(SECOND, new ConnectException("Connection refused"));

        assertThat(unreachable.reachable(BOTH)).containsExactly(FIRST, SECOND);
        assertThat(unreachable.reachable(List.of(FIRST))).containsExactly(FIRST);
    }

    @Test
    void forgetAllPutsEveryInstanceBack() {
        fail(FIRST, new ConnectException("Connection refused"));
        unreachable.forgetAll();

        assertThat(unreachable.reachable(BOTH)).containsExactly(FIRST, SECOND);
    }

    private void fail(ServiceInstance instance, Throwable failure) {
        unreachable.onComplete(new CompletionContext<>(CompletionContext.Status.FAILED, failure,
                new DefaultRequest<>(), new DefaultResponse(instance)));
    }
}
