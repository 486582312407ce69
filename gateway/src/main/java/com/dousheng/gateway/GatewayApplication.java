package com.dousheng.gateway;

import com.dousheng.gateway.routing.ReachableInstancesBalancerConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClients;

@SpringBootApplication
@ConfigurationPropertiesScan
@LoadBalancerClients(defaultConfiguration = ReachableInstancesBalancerConfiguration.class)
public class GatewayApplication {
    public static void main(String[] args) {
        SpringApplication.run(GatewayApplication.class, args);
    }
}
