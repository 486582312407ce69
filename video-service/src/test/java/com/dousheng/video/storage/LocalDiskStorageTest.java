package com.dousheng.video.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalDiskStorageTest {
    @TempDir
    Path temp;

    @Test
    void storesFindsAndDeletesFilesUnderTheRoot() throws Exception {
        LocalDiskStorage storage = new LocalDiskStorage(temp.resolve("media"));
        Path source = Files.writeString(temp.resolve("in.mp4"), "video bytes");
        storage.put("videos/2025/01/a.mp4", source, "video/mp4");
        storage.put("covers/2025/01/a.jpg", new byte[] {1, 2, 3}, "image/jpeg");

        Path stored = storage.localFile("videos/2025/01/a.mp4").orElseThrow();
        assertThat(stored).startsWith(temp.resolve("media"));
        assertThat(Files.readString(stored)).isEqualTo("video bytes");
        assertThat(Files.readAllBytes(storage.localFile("covers/2025/01/a.jpg").orElseThrow()))
                .containsExactly(1, 2, 3);
        assertThat(storage.url("videos/2025/01/a.mp4")).isEqualTo("/static/videos/2025/01/a.mp4");
        try (Stream<Path> files = Files.walk(temp.resolve("media"))) {
            assertThat(files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("a.mp4", "a.jpg");
        }

        storage.delete("videos/2025/01/a.mp4");
        assertThat(storage.localFile("videos/2025/01/a.mp4")).isEmpty();
    }

    @Test
    void writesAStoppedProcessLeftUnfinishedAreRemovedAtStartButRecentOnesAreNot() throws Exception {
        Path incoming = Files.createDirectories(temp.resolve("media/.incoming"));
        Path abandoned = Files.writeString(incoming.resolve("upload-1.tmp"), "half a video");
        Files.setLastModifiedTime(abandoned, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
        Path underWay = Files.writeString(incoming.resolve("upload-2.tmp"), "another instance is writing this");

        LocalDiskStorage storage = new LocalDiskStorage(temp.resolve("media"));

        assertThat(abandoned).doesNotExist();
        assertThat(underWay).exists();
        storage.put("videos/2025/01/a.mp4", new byte[] {1}, "video/mp4");
        try (Stream<Path> files = Files.list(incoming)) {
            assertThat(files).as("a complete write is moved out").containsExactly(underWay);
        }
    }

    @Test
    void keysThatCouldLeaveTheRootAreRefused() {
        LocalDiskStorage storage = new LocalDiskStorage(temp.resolve("media"));
        for (String key : new String[] {"../x.mp4", "videos/../../x.mp4", "/etc/passwd", "videos//x.mp4",
                "videos\\..\\x.mp4", ".hidden", ".incoming/upload-1.tmp", "", "videos/"}) {
            assertThat(storage.localFile(key)).as(key).isEmpty();
            assertThatThrownBy(() -> storage.put(key, new byte[] {1}, "video/mp4")).as(key)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
