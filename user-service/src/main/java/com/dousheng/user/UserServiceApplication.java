package com.dousheng.user;

import com.dousheng.common.api.interaction.InteractionServiceClient;
import com.dousheng.common.api.relation.RelationServiceClient;
import com.dousheng.common.api.video.VideoServiceClient;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.cloud.openfeign.EnableFeignClients;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableFeignClients(clients = {RelationServiceClient.class, VideoServiceClient.class, InteractionServiceClient.class})
public class UserServiceApplication {
    public static void main(String[] args) {
        SpringApplication.run(UserServiceApplication.class, args);
    }
}
