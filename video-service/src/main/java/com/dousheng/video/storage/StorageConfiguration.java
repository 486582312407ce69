package com.dousheng.video.storage;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class StorageConfiguration {

    /** Chosen by {@code dousheng.storage.type} (env DOUSHENG_STORAGE_TYPE): {@code local} (default) or {@code oss}. */
    @Bean
    public Storage storage(StorageProperties properties) {
        if (properties.type() == StorageProperties.Type.OSS) {
            return new AliyunOssStorage(properties.oss());
        }
        return new LocalDiskStorage(properties.local().dir());
    }
}
