package com.dousheng.gateway.apidocs;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.reactive.server.WebTestClient;

/** With the one switch off (production), the docs' paths answer the envelope as any unknown path does. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "DOUSHENG_API_DOCS_ENABLED=false")
@ActiveProfiles("it")
class ApiDocsSwitchedOffTest {
    @LocalServerPort
    int port;

    @Test
    void neitherTheUiNorTheSpecIsServed() {
        WebTestClient client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
        for (String path : new String[] {"/swagger-ui.html", "/swagger-ui/index.html", "/webjars/swagger-ui/index.html",
                ApiDocsConfiguration.SPEC_PATH, "/api-docs/swagger-config", "/api-docs", "/v3/api-docs"}) {
            client.get().uri(path).exchange()
                    .expectStatus().isNotFound()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                    .expectBody()
                    .jsonPath("$.status_code").isEqualTo(1005)
                    .jsonPath("$.status_msg").isEqualTo("no such endpoint: " + path);
        }
    }
}
