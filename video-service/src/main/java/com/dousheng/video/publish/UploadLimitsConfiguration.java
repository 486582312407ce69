package com.dousheng.video.publish;

import com.dousheng.common.upload.UploadProperties;
import jakarta.servlet.MultipartConfigElement;
import org.springframework.boot.servlet.MultipartConfigFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

/**
 * Derives the servlet container's multipart limits from {@code dousheng.upload.max-size}, a little above it:
 * uploads just over the limit still reach {@link PublishService}, which names the limit in its answer, while the
 * container still stops requests far beyond it. Replaces Boot's {@code spring.servlet.multipart.*} limits.
 */
@Configuration(proxyBeanMethods = false)
public class UploadLimitsConfiguration {
    private static final long MB = 1024 * 1024;

    @Bean
    public MultipartConfigElement multipartConfigElement(UploadProperties uploads) {
        long limit = uploads.maxBytes();
        long fileLimit = limit + Math.max(MB, limit / 10);
        MultipartConfigFactory factory = new MultipartConfigFactory();
        factory.setMaxFileSize(DataSize.ofBytes(fileLimit));
        // the token and title parts ride along with the file
        factory.setMaxRequestSize(DataSize.ofBytes(fileLimit + MB));
        factory.setFileSizeThreshold(DataSize.ofKilobytes(256));
        return factory.createMultipartConfig();
    }
}
