package com.dousheng.video;

import com.dousheng.common.api.relation.RelationServiceClient;
import com.dousheng.common.api.interaction.InteractionServiceClient;
import com.dousheng.common.api.user.UserServiceClient;
import com.dousheng.common.upload.UploadProperties;
import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableConfigurationProperties(UploadProperties.class)
@EnableFeignClients(clients = {UserServiceClient.class, InteractionServiceClient.class, RelationServiceClient.class})
@EnableScheduling
public class VideoServiceApplication {
    public static void main(String[] args) {
        SpringApplication.run(VideoServiceApplication.class, args);
    }

    @Bean
    public Clock clock() {
        return Clock.systemUTC();
    }
}
