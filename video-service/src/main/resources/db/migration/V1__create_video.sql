CREATE TABLE video (
    id           BIGINT       NOT NULL AUTO_INCREMENT,
    author_id    BIGINT       NOT NULL,
    -- the service accepts at most 100 characters; the column leaves room for masking by the word filter
    title        VARCHAR(255) NOT NULL,
    play_key     VARCHAR(255) NOT NULL COMMENT 'storage object key of the MP4',
    cover_key    VARCHAR(255) NULL COMMENT 'storage object key of the JPEG cover; NULL means the bundled default cover',
    published_at BIGINT       NOT NULL COMMENT 'epoch ms; unique, so that paging the feed by time never skips or repeats',
    created_at   DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (id),
    UNIQUE KEY uk_video_published_at (published_at),
    KEY idx_video_author_published (author_id, published_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- One row that hands out publish times: max(now, last + 1) under its row lock, so times are unique and
-- increase in commit order even when uploads land in the same millisecond or the wall clock steps back.
CREATE TABLE video_publish_clock (
    id      TINYINT NOT NULL,
    last_ms BIGINT  NOT NULL,
    PRIMARY KEY (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

INSERT INTO video_publish_clock (id, last_ms) VALUES (1, 0);
