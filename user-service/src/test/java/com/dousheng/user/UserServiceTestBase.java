package com.dousheng.user;

import com.dousheng.common.api.interaction.InteractionServiceClient;
import com.dousheng.common.api.relation.RelationServiceClient;
import com.dousheng.common.api.video.VideoServiceClient;
import com.dousheng.common.testsupport.TestInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** One Spring context for every user-service test: real MariaDB and Redis, the other services mocked. */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("it")
public abstract class UserServiceTestBase {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "dousheng_user_it", 1);
    }

    @MockitoBean
    protected RelationServiceClient relations;
    @MockitoBean
    protected VideoServiceClient videos;
    @MockitoBean
    protected InteractionServiceClient interactions;

    @Autowired
    protected MockMvc mvc;
    @Autowired
    protected StringRedisTemplate redis;

    private static int sequence;

    /** A username no other test uses, so tests stay independent without wiping the table. */
    protected static synchronized String uniqueName(String prefix) {
        return prefix + System.nanoTime() % 1_000_000_000L + "_" + (sequence++);
    }
}
