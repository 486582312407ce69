package com.dousheng.gateway.routing;

import java.util.List;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.DelegatingServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import reactor.core.publisher.Flux;

/**
 * Every service's balancer as Spring Cloud builds it by default (discovery, then the cached list), with
 * {@link UnreachableInstances} applied last, so that a failure takes effect on the next choice rather than
 * when the cache next refreshes. Named in {@code @LoadBalancerClients} on the application class: it is
 * instantiated in each service's balancer context, so it must not be a {@code @Configuration} that the
 * application context would pick up itself.
 */
public class ReachableInstancesBalancerConfiguration {

    @Bean
    ServiceInstanceListSupplier reachableInstanceListSupplier(ConfigurableApplicationContext context,
            UnreachableInstances unreachable) {
        return ServiceInstanceListSupplier.builder().withDiscoveryClient().withCaching()
                .with((ctx, cached) -> new ReachableInstanceListSupplier(cached, unreachable))
                .build(context);
    }

    static final class ReachableInstanceListSupplier extends DelegatingServiceInstanceListSupplier {
        private final UnreachableInstances unreachable;

        ReachableInstanceListSupplier(ServiceInstanceListSupplier delegate, UnreachableInstances unreachable) {
            super(delegate);
            this.unreachable = unreachable;
        }

        @Override
        public Flux<List<ServiceInstance>> get() {
            return delegate.get().map(unreachable::reachable);
        }
    }
}
