package com.dousheng.video.media;

import java.util.Map;
import java.util.Optional;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;

/**
 * Images bundled with the service and served at {@code /static/defaults/<name>}: the cover of videos whose frame
 * could not be read, and the avatar and profile banner user-service gives new users.
 */
public final class DefaultImages {
    public static final String PREFIX = "defaults/";
    public static final String COVER_PATH = "/static/defaults/cover.jpg";

    // a fixed list rather than a classpath lookup by name, so that no request path can reach other resources
    private static final Map<String, String> FILES = Map.of(
            "cover.jpg", "media-defaults/cover.jpg",
            "avatar.png", "media-defaults/avatar.png",
            "background.png", "media-defaults/background.png");

    private DefaultImages() {
    }

    /** @param name the part after {@code defaults/} */
    public static Optional<Resource> find(String name) {
        String location = FILES.get(name);
        return location == null ? Optional.empty() : Optional.of(new ClassPathResource(location));
    }
}
