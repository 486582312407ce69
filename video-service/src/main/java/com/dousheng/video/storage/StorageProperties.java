package com.dousheng.video.storage;

import static com.dousheng.common.config.RequiredSettings.require;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code dousheng.storage.*}: which storage holds uploads, and its settings (all from the environment; defaults in
 * application.yml).
 */
@ConfigurationProperties("dousheng.storage")
public record StorageProperties(Type type, Local local, Oss oss) {
    public enum Type { LOCAL, OSS }

    public StorageProperties {
        require(type, "dousheng.storage.type (env DOUSHENG_STORAGE_TYPE)");
    }

    /** @param dir data directory (env DOUSHENG_MEDIA_DIR), relative paths are taken from the working directory */
    public record Local(Path dir) {
    }

    /**
     * @param endpoint      e.g. {@code https://oss-cn-hangzhou.aliyuncs.com} (env DOUSHENG_OSS_ENDPOINT)
     * @param publicBaseUrl base of download URLs; default {@code https://<bucket>.<endpoint host>}
     * @param pathStyle     put the bucket in the path rather than the host name (endpoints addressed by IP)
     */
    public record Oss(String endpoint, String bucket, String accessKeyId, String accessKeySecret,
                      String publicBaseUrl, boolean pathStyle) {

        void requireComplete() {
            List<String> missing = new ArrayList<>();
            if (blank(endpoint)) {
                missing.add("DOUSHENG_OSS_ENDPOINT");
            }
            if (blank(bucket)) {
                missing.add("DOUSHENG_OSS_BUCKET");
            }
            if (blank(accessKeyId)) {
                missing.add("DOUSHENG_OSS_ACCESS_KEY_ID");
            }
            if (blank(accessKeySecret)) {
                missing.add("DOUSHENG_OSS_ACCESS_KEY_SECRET");
            }
            if (!missing.isEmpty()) {
                throw new IllegalStateException("dousheng.storage.type=oss needs " + String.join(", ", missing));
            }
        }

        String effectivePublicBaseUrl() {
            if (!blank(publicBaseUrl)) {
                return stripTrailingSlash(publicBaseUrl.trim());
            }
            String host = endpoint.trim().replaceFirst("^[a-zA-Z]+://", "");
            return "https://" + bucket + "." + stripTrailingSlash(host);
        }

        private static boolean blank(String value) {
            return value == null || value.isBlank();
        }

        private static String stripTrailingSlash(String value) {
            return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
        }
    }
}
