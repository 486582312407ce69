package com.dousheng.common.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.dousheng.common.upload.UploadProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

class RequiredSettingsTest {
    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(UploadProperties.class)
    static class Uploads {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Uploads.class);

    @Test
    void aSettingEmptiedByAnEnvironmentVariableStopsTheStartNamingIt() {
        // what DOUSHENG_VIDEO_MAX_UPLOAD_SIZE= (set to nothing) does to ${DOUSHENG_VIDEO_MAX_UPLOAD_SIZE:100MB}
        runner.withPropertyValues("dousheng.upload.max-size=").run(context ->
                assertThat(context).hasFailed().getFailure().rootCause().hasMessageStartingWith(
                        "dousheng.upload.max-size (env DOUSHENG_VIDEO_MAX_UPLOAD_SIZE) is not set"));
        runner.withPropertyValues("dousheng.upload.max-size=2MB").run(context -> {
            assertThat(context).hasNotFailed();
            UploadProperties uploads = context.getBean(UploadProperties.class);
            assertThat(uploads.maxSize()).isEqualTo(DataSize.ofMegabytes(2));
            assertThat(uploads.tooLargeMessage()).isEqualTo("the video is larger than the 2 MB limit");
        });
    }
}
