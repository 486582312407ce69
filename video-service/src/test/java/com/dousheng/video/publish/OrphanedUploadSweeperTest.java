package com.dousheng.video.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doThrow;

import com.dousheng.video.TestVideos;
import com.dousheng.video.VideoProperties;
import com.dousheng.video.VideoServiceTestBase;
import com.dousheng.video.storage.Storage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;

/** Uploads that died between storing their objects and writing their video row, and the job that cleans up. */
class OrphanedUploadSweeperTest extends VideoServiceTestBase {
    @Autowired
    PublishService publishService;
    @Autowired
    OrphanedUploadSweeper sweeper;
    @Autowired
    PendingUploadMapper pendingUploads;
    @Autowired
    Storage storage;
    @Autowired
    VideoProperties properties;

    @Test
    void anUploadKilledBeforeItsRowIsWrittenIsSweptOnceOld() {
        // an Error is not caught by the upload's own clean-up, as if the process had died at that point
        doThrow(new StackOverflowError("process dies here"))
                .when(recorder).record(anyLong(), anyString(), anyString(), any(), anyLong());
        assertThatThrownBy(() -> publishService.publish(7, new MockMultipartFile("data", "clip.mp4", "video/mp4",
                TestVideos.h264Mp4()), "never finished")).isInstanceOf(StackOverflowError.class);
        assertThat(videoRows()).isZero();
        assertThat(mediaFiles()).as("the video and its cover were stored").hasSize(2);
        assertThat(pendingUploadRows()).isOne();

        assertThat(sweeper.sweep()).as("too recent: it could still be under way").isZero();
        assertThat(mediaFiles()).hasSize(2);

        ageAllPendingUploads();
        assertThat(sweeper.sweep()).isEqualTo(2);
        assertThat(mediaFiles()).isEmpty();
        assertThat(pendingUploadRows()).isZero();
        assertThat(sweeper.sweep()).as("nothing left the second time").isZero();
    }

    @Test
    void objectsAVideoRowUsesAreKeptAndOnlyOldUploadsAreSwept() {
        PendingUpload orphan = storedUpload("videos/2026/11/orphan.mp4", "covers/2026/11/orphan.jpg");
        PendingUpload noCover = storedUpload("videos/2026/11/orphan-without-cover.mp4", null);
        // its row was committed but the process died before forgetting the pending upload
        PendingUpload finished = storedUpload("videos/2026/11/finished.mp4", "covers/2026/11/finished.jpg");
        recorder.record(7, "finished", finished.getVideoKey(), finished.getCoverKey(), 1_000);
        ageAllPendingUploads();
        PendingUpload underWay = storedUpload("videos/2026/11/under-way.mp4", null);

        assertThat(sweeper.sweep()).isEqualTo(3);

        assertThat(stored(orphan.getVideoKey())).isFalse();
        assertThat(stored(orphan.getCoverKey())).isFalse();
        assertThat(stored(noCover.getVideoKey())).isFalse();
        assertThat(stored(finished.getVideoKey())).isTrue();
        assertThat(stored(finished.getCoverKey())).isTrue();
        assertThat(stored(underWay.getVideoKey())).isTrue();
        assertThat(jdbc.queryForList("SELECT id FROM pending_upload", Long.class)).containsExactly(underWay.getId());
    }

    @Test
    void whenStorageRefusesTheUploadStaysForTheNextRun() {
        PendingUpload orphan = storedUpload("videos/2026/11/orphan.mp4", null);
        ageAllPendingUploads();
        Storage refusing = new Storage() {
            public void put(String key, Path source, String contentType) {
            }

            public void put(String key, byte[] content, String contentType) {
            }

            public boolean delete(String key) {
                return false;
            }

            public String url(String key) {
                return key;
            }

            public Optional<Path> localFile(String key) {
                return Optional.empty();
            }
        };

        assertThat(new OrphanedUploadSweeper(pendingUploads, refusing, properties).sweep()).isZero();
        assertThat(pendingUploadRows()).isOne();

        assertThat(sweeper.sweep()).isOne();
        assertThat(stored(orphan.getVideoKey())).isFalse();
        assertThat(pendingUploadRows()).isZero();
    }

    private PendingUpload storedUpload(String videoKey, String coverKey) {
        PendingUpload upload = new PendingUpload(videoKey, coverKey);
        pendingUploads.insert(upload);
        for (String key : upload.keys()) {
            storage.put(key, key.getBytes(StandardCharsets.UTF_8), "application/octet-stream");
        }
        return upload;
    }

    private void ageAllPendingUploads() {
        jdbc.update("UPDATE pending_upload SET created_at = NOW(3) - INTERVAL 2 HOUR");
    }

    private static boolean stored(String key) {
        return Files.exists(MEDIA_DIR.resolve(key));
    }
}
