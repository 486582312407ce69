package com.dousheng.relation;

import com.dousheng.common.api.interaction.InteractionServiceClient;
import com.dousheng.common.api.video.VideoServiceClient;
import com.dousheng.common.api.message.MessageServiceClient;
import com.dousheng.common.api.user.UserServiceClient;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.cloud.openfeign.EnableFeignClients;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableFeignClients(clients = {UserServiceClient.class, MessageServiceClient.class, VideoServiceClient.class, InteractionServiceClient.class})
public class RelationServiceApplication {
    public static void main(String[] args) {
        SpringApplication.run(RelationServiceApplication.class, args);
    }
}
