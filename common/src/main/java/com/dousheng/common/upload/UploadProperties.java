package com.dousheng.common.upload;

import static com.dousheng.common.config.RequiredSettings.require;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * {@code dousheng.upload.*}, read by video-service and by the gateway, which refuses a larger upload before it
 * reaches a service; the default and its environment variable are in dousheng-shared.yml.
 *
 * @param maxSize largest video accepted by {@code /douyin/publish/action/}
 */
@ConfigurationProperties("dousheng.upload")
public record UploadProperties(DataSize maxSize) {
    public UploadProperties {
        require(maxSize, "dousheng.upload.max-size (env DOUSHENG_VIDEO_MAX_UPLOAD_SIZE)");
    }

    public long maxBytes() {
        return maxSize.toBytes();
    }

    /** The one wording of the refusal, wherever the limit is found to be broken. */
    public String tooLargeMessage() {
        return "the video is larger than the " + DataSizes.describe(maxBytes()) + " limit";
    }
}
