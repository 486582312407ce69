package com.dousheng.interaction;

import com.dousheng.common.api.relation.RelationServiceClient;
import com.dousheng.common.api.user.UserServiceClient;
import com.dousheng.common.api.video.VideoServiceClient;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.openfeign.EnableFeignClients;

@SpringBootApplication
@EnableFeignClients(clients = {VideoServiceClient.class, UserServiceClient.class, RelationServiceClient.class})
@EnableConfigurationProperties(InteractionProperties.class)
public class InteractionServiceApplication {
    public static void main(String[] args) {
        SpringApplication.run(InteractionServiceApplication.class, args);
    }
}
