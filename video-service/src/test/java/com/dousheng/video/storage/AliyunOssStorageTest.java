package com.dousheng.video.storage;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dousheng.video.TestVideos;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The OSS store against a local fake OSS endpoint (WireMock): what really goes over the wire. */
class AliyunOssStorageTest {
    private static final String BUCKET = "dousheng-test";
    private static WireMockServer oss;

    @TempDir
    Path temp;

    @BeforeAll
    static void startFakeOss() {
        oss = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        oss.start();
    }

    @AfterAll
    static void stopFakeOss() {
        oss.stop();
    }

    @BeforeEach
    void acceptEverything() {
        oss.resetAll();
        oss.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)
                .withHeader("ETag", "\"0123456789ABCDEF\"")
                .withHeader("x-oss-request-id", "fake-request")));
    }

    @Test
    void uploadsSendTheBytesWithTheObjectKeyAndContentType() throws Exception {
        AliyunOssStorage storage = storage(null);
        byte[] mp4 = TestVideos.h264Mp4();
        Path file = Files.write(temp.resolve("upload.mp4"), mp4);
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 1, 2, 3};
        try {
            storage.put("videos/2025/01/abc.mp4", file, "video/mp4");
            storage.put("covers/2025/01/abc.jpg", jpeg, "image/jpeg");
        } finally {
            storage.destroy();
        }

        List<LoggedRequest> videoPuts =
                oss.findAll(putRequestedFor(urlEqualTo("/" + BUCKET + "/videos/2025/01/abc.mp4")));
        assertThat(videoPuts).hasSize(1);
        assertThat(videoPuts.get(0).getHeader("Content-Type")).isEqualTo("video/mp4");
        assertThat(videoPuts.get(0).getHeader("Authorization")).startsWith("OSS test-key-id:");
        assertThat(videoPuts.get(0).getBody()).isEqualTo(mp4);

        List<LoggedRequest> coverPuts =
                oss.findAll(putRequestedFor(urlEqualTo("/" + BUCKET + "/covers/2025/01/abc.jpg")));
        assertThat(coverPuts).hasSize(1);
        assertThat(coverPuts.get(0).getHeader("Content-Type")).isEqualTo("image/jpeg");
        assertThat(coverPuts.get(0).getBody()).isEqualTo(jpeg);
    }

    @Test
    void deleteRemovesTheObjectAndUrlsPointAtThePublicBase() {
        AliyunOssStorage storage = storage("https://cdn.example.com/");
        try {
            storage.delete("videos/2025/01/abc.mp4");
            assertThat(storage.url("videos/2025/01/abc.mp4"))
                    .isEqualTo("https://cdn.example.com/videos/2025/01/abc.mp4");
            assertThat(storage.localFile("videos/2025/01/abc.mp4")).isEmpty();
        } finally {
            storage.destroy();
        }
        oss.verify(1, deleteRequestedFor(urlEqualTo("/" + BUCKET + "/videos/2025/01/abc.mp4")));
    }

    @Test
    void theDefaultPublicBaseIsTheBucketDomain() {
        StorageProperties.Oss settings = new StorageProperties.Oss("https://oss-cn-hangzhou.aliyuncs.com", BUCKET,
                "id", "secret", null, false);
        assertThat(settings.effectivePublicBaseUrl()).isEqualTo("https://dousheng-test.oss-cn-hangzhou.aliyuncs.com");
    }

    @Test
    void aRefusedUploadIsAStorageException() {
        oss.stubFor(any(urlPathMatching("/" + BUCKET + "/videos/.*")).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/xml")
                .withHeader("x-oss-request-id", "fake-request")
                .withBody("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>AccessDenied</Code>"
                        + "<Message>denied</Message><RequestId>fake-request</RequestId></Error>")));
        AliyunOssStorage storage = storage(null);
        try {
            assertThatThrownBy(() -> storage.put("videos/2025/01/x.mp4", new byte[] {1}, "video/mp4"))
                    .isInstanceOf(StorageException.class)
                    .hasMessageContaining("videos/2025/01/x.mp4");
        } finally {
            storage.destroy();
        }
    }

    @Test
    void theStorageTypeSelectsTheImplementationAndOssNamesMissingSettings() {
        ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Config.class);
        runner.withPropertyValues("dousheng.storage.type=local", "dousheng.storage.local.dir=" + temp)
                .run(context -> assertThat(context.getBean(Storage.class)).isInstanceOf(LocalDiskStorage.class));
        runner.withPropertyValues("dousheng.storage.type=oss", "dousheng.storage.oss.endpoint=" + oss.baseUrl(),
                        "dousheng.storage.oss.bucket=" + BUCKET, "dousheng.storage.oss.access-key-id=a",
                        "dousheng.storage.oss.access-key-secret=b", "dousheng.storage.oss.path-style=true")
                .run(context -> assertThat(context.getBean(Storage.class)).isInstanceOf(AliyunOssStorage.class));
        runner.withPropertyValues("dousheng.storage.type=oss", "dousheng.storage.oss.bucket=" + BUCKET)
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("DOUSHENG_OSS_ENDPOINT")
                        .hasMessageContaining("DOUSHENG_OSS_ACCESS_KEY_ID")
                        .hasMessageNotContaining("DOUSHENG_OSS_BUCKET"));
    }

    private static AliyunOssStorage storage(String publicBaseUrl) {
        return new AliyunOssStorage(new StorageProperties.Oss(oss.baseUrl(), BUCKET, "test-key-id", "test-secret",
                publicBaseUrl, true));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(StorageProperties.class)
    @Import(StorageConfiguration.class)
    static class Config {
    }
}
