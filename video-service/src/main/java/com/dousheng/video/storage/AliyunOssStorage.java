package com.dousheng.video.storage;

import com.aliyun.oss.ClientBuilderConfiguration;
import com.aliyun.oss.ClientException;
import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSClientBuilder;
import com.aliyun.oss.OSSException;
import com.aliyun.oss.model.ObjectMetadata;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

/** Objects in an Aliyun OSS bucket; clients download them straight from the bucket's public URL (or a CDN). */
public class AliyunOssStorage implements Storage, DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(AliyunOssStorage.class);

    private final OSS client;
    private final String bucket;
    private final String publicBaseUrl;

    public AliyunOssStorage(StorageProperties.Oss settings) {
        settings.requireComplete();
        ClientBuilderConfiguration configuration = new ClientBuilderConfiguration();
        configuration.setSLDEnabled(settings.pathStyle());
        this.client = new OSSClientBuilder().build(settings.endpoint(), settings.accessKeyId(),
                settings.accessKeySecret(), configuration);
        this.bucket = settings.bucket();
        this.publicBaseUrl = settings.effectivePublicBaseUrl();
        log.info("storing media in OSS bucket {} at {}, served from {}", bucket, settings.endpoint(), publicBaseUrl);
    }

    @Override
    public void put(String key, Path source, String contentType) {
        try {
            client.putObject(bucket, StorageKeys.require(key), source.toFile(), metadata(contentType));
        } catch (OSSException | ClientException e) {
            throw new StorageException("OSS upload of " + key + " to bucket " + bucket + " failed", e);
        }
    }

    @Override
    public void put(String key, byte[] content, String contentType) {
        ObjectMetadata metadata = metadata(contentType);
        metadata.setContentLength(content.length);
        try {
            client.putObject(bucket, StorageKeys.require(key), new ByteArrayInputStream(content), metadata);
        } catch (OSSException | ClientException e) {
            throw new StorageException("OSS upload of " + key + " to bucket " + bucket + " failed", e);
        }
    }

    @Override
    public boolean delete(String key) {
        try {
            // OSS answers 204 whether or not the object existed
            client.deleteObject(bucket, StorageKeys.require(key));
            return true;
        } catch (OSSException | ClientException e) {
            log.warn("could not delete OSS object {} in bucket {}: {}", key, bucket, e.getMessage());
            return false;
        }
    }

    @Override
    public String url(String key) {
        return publicBaseUrl + "/" + StorageKeys.require(key);
    }

    @Override
    public Optional<Path> localFile(String key) {
        return Optional.empty();
    }

    @Override
    public void destroy() {
        client.shutdown();
    }

    private static ObjectMetadata metadata(String contentType) {
        ObjectMetadata metadata = new ObjectMetadata();
        metadata.setContentType(contentType);
        // keys are unique per upload, so clients and CDNs may keep objects forever
        metadata.setCacheControl("public, max-age=31536000, immutable");
        return metadata;
    }
}
