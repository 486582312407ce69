package com.dousheng.video.storage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files under one data directory, served back by this service at {@code /static/<key>}. Each file is written in
 * {@code .incoming/} (no key can name it) and moved into place when complete; what a killed process left there
 * is removed when the storage next starts.
 */
public class LocalDiskStorage implements Storage {
    private static final Logger log = LoggerFactory.getLogger(LocalDiskStorage.class);
    /** Older than any write takes, so that another instance sharing the directory is never cut short. */
    private static final Duration ABANDONED_AFTER = Duration.ofHours(1);

    private final Path root;
    private final Path incoming;

    public LocalDiskStorage(Path root) {
        this.root = root.toAbsolutePath().normalize();
        this.incoming = this.root.resolve(".incoming");
        try {
            Files.createDirectories(incoming);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create media directory " + this.root
                    + " (set DOUSHENG_MEDIA_DIR to a writable directory)", e);
        }
        removeAbandonedWrites();
        log.info("storing media on local disk under {}", this.root);
    }

    @Override
    public void put(String key, Path source, String contentType) {
        try (InputStream in = Files.newInputStream(source)) {
            write(key, in);
        } catch (IOException e) {
            throw new StorageException("cannot read " + source + " to store it as " + key, e);
        }
    }

    @Override
    public void put(String key, byte[] content, String contentType) {
        try (InputStream in = new ByteArrayInputStream(content)) {
            write(key, in);
        } catch (IOException e) {
            throw new StorageException("cannot store " + key, e);
        }
    }

    /** Writes next to the target and renames, so that a half-written file is never served under its key. */
    private void write(String key, InputStream in) {
        Path target = resolve(key);
        Path temp = null;
        try {
            Files.createDirectories(target.getParent());
            // again here, in case someone emptied the media directory while we run
            Files.createDirectories(incoming);
            temp = Files.createTempFile(incoming, "upload-", ".tmp");
            Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            deleteQuietly(temp);
            throw new StorageException("cannot write " + target, e);
        }
    }

    @Override
    public boolean delete(String key) {
        return deleteQuietly(resolve(key));
    }

    @Override
    public String url(String key) {
        return "/static/" + StorageKeys.require(key);
    }

    @Override
    public Optional<Path> localFile(String key) {
        if (!StorageKeys.isValid(key)) {
            return Optional.empty();
        }
        Path file = resolve(key);
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    private Path resolve(String key) {
        Path file = root.resolve(StorageKeys.require(key)).normalize();
        if (!file.startsWith(root)) {
            throw new IllegalArgumentException("storage key leaves the media directory: " + key);
        }
        return file;
    }

    private void removeAbandonedWrites() {
        Instant cutoff = Instant.now().minus(ABANDONED_AFTER);
        try (Stream<Path> files = Files.list(incoming)) {
            for (Path file : files.toList()) {
                if (Files.getLastModifiedTime(file).toInstant().isBefore(cutoff) && deleteQuietly(file)) {
                    log.warn("removed {}, a write that a stopped process never finished", file);
                }
            }
        } catch (IOException e) {
            log.warn("could not look for abandoned writes in {}: {}", incoming, e.toString());
        }
    }

    private static boolean deleteQuietly(Path file) {
        if (file == null) {
            return true;
        }
        try {
            Files.deleteIfExists(file);
            return true;
        } catch (IOException e) {
            log.warn("could not delete {}: {}", file, e.toString());
            return false;
        }
    }
}
