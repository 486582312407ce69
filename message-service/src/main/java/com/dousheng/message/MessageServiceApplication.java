package com.dousheng.message;

import com.dousheng.common.api.user.UserServiceClient;
import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.context.annotation.Bean;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableFeignClients(clients = {UserServiceClient.class})
public class MessageServiceApplication {
    public static void main(String[] args) {
        SpringApplication.run(MessageServiceApplication.class, args);
    }

    /** Message times come from here, so that tests can pin the millisecond. */
    @Bean
    public Clock clock() {
        return Clock.systemUTC();
    }
}
