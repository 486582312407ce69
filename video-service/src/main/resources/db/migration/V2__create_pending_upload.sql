-- An upload between its first stored object and its video row. Written (and committed) before anything is
-- stored, removed once the row is committed or the upload failed and cleaned up after itself. A row older than
-- any upload takes is what a crash in between left behind: OrphanedUploadSweeper deletes its objects.
CREATE TABLE pending_upload (
    id         BIGINT       NOT NULL AUTO_INCREMENT,
    video_key  VARCHAR(255) NOT NULL,
    cover_key  VARCHAR(255) NULL,
    created_at DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (id),
    KEY idx_pending_upload_created (created_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
