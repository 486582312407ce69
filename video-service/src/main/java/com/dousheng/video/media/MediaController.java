package com.dousheng.video.media;

import com.dousheng.common.web.BaseResponse;
import com.dousheng.common.web.ErrorCode;
import com.dousheng.video.storage.Storage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.MediaTypeFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves {@code /static/**} (the gateway routes it here): the bundled default images, and uploads when they are
 * stored on local disk. Answers Range requests with 206 and Content-Range (Spring does this for a
 * {@code ResponseEntity<Resource>}), since video players fetch by ranges. Keys that are not well-formed storage
 * keys (".." segments, backslashes, ...) are answered like missing files.
 */
@RestController
public class MediaController {
    private static final CacheControl UPLOADS = CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable();
    private static final CacheControl DEFAULTS = CacheControl.maxAge(Duration.ofDays(1)).cachePublic();

    private final Storage storage;

    public MediaController(Storage storage) {
        this.storage = storage;
    }

    @GetMapping("/static/{*path}")
    public ResponseEntity<?> serve(@PathVariable("path") String path) throws IOException {
        String key = path.startsWith("/") ? path.substring(1) : path;
        if (key.startsWith(DefaultImages.PREFIX)) {
            Optional<Resource> image = DefaultImages.find(key.substring(DefaultImages.PREFIX.length()));
            return image.isPresent() ? file(image.get(), DEFAULTS) : notFound(key);
        }
        Optional<Path> file = storage.localFile(key);
        if (file.isEmpty()) {
            return notFound(key);
        }
        return file(new FileSystemResource(file.get()), UPLOADS);
    }

    private static ResponseEntity<Resource> file(Resource resource, CacheControl cacheControl) throws IOException {
        MediaType type = MediaTypeFactory.getMediaType(resource).orElse(MediaType.APPLICATION_OCTET_STREAM);
        return ResponseEntity.ok()
                .contentType(type)
                .cacheControl(cacheControl)
                .lastModified(resource.lastModified())
                .body(resource);
    }

    private static ResponseEntity<BaseResponse> notFound(String key) {
        // a real 404 for players and image loaders; the body is still the envelope
        return ResponseEntity.status(HttpStatus.NOT_FOUND)
                .contentType(MediaType.APPLICATION_JSON)
                .body(BaseResponse.of(ErrorCode.NOT_FOUND, "no such file: /static/" + key));
    }
}
