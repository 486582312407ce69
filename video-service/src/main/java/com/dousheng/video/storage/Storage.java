package com.dousheng.video.storage;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where uploaded videos and covers live. Keys are relative slash-separated names such as
 * {@code videos/2025/01/<uuid>.mp4}; objects are written once and never changed.
 */
public interface Storage {

    /** Stores a copy of {@code source} under {@code key}. Throws {@link StorageException} when it cannot. */
    void put(String key, Path source, String contentType);

    /** Stores {@code content} under {@code key}. Throws {@link StorageException} when it cannot. */
    void put(String key, byte[] content, String contentType);

    /**
     * Removes the object if it exists. Failures are logged, not thrown (it cleans up after failed uploads); the
     * answer says whether the object is gone now, so that a caller can try again later.
     */
    boolean delete(String key);

    /**
     * Where clients download the object: a path under {@code /static/} served by this service (to be made absolute
     * per request), or an absolute URL.
     */
    String url(String key);

    /** The file behind {@code key} when this storage keeps objects on this machine; empty otherwise or if absent. */
    Optional<Path> localFile(String key);
}
