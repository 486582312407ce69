-- The truth for every interaction counter: counts are COUNT(*) over these rows (Redis only caches them).
CREATE TABLE favorite (
    id         BIGINT NOT NULL AUTO_INCREMENT,
    user_id    BIGINT NOT NULL COMMENT 'who liked',
    video_id   BIGINT NOT NULL,
    author_id  BIGINT NOT NULL COMMENT 'author of the video, so likes received are a query on this table',
    created_at BIGINT NOT NULL COMMENT 'epoch milliseconds',
    PRIMARY KEY (id),
    UNIQUE KEY uk_favorite_user_video (user_id, video_id),
    KEY idx_favorite_user_newest (user_id, id),
    KEY idx_favorite_video (video_id),
    KEY idx_favorite_author (author_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE comment (
    id         BIGINT        NOT NULL AUTO_INCREMENT,
    video_id   BIGINT        NOT NULL,
    user_id    BIGINT        NOT NULL COMMENT 'the commenter',
    -- 500 characters are accepted; masking can lengthen text made of astral characters, hence the margin
    content    VARCHAR(1000) NOT NULL,
    created_at BIGINT        NOT NULL COMMENT 'epoch milliseconds',
    PRIMARY KEY (id),
    KEY idx_comment_video_newest (video_id, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
