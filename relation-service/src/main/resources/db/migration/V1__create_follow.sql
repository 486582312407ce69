-- The truth table of who follows whom; every count is derived from it.
CREATE TABLE follow (
    id          BIGINT      NOT NULL AUTO_INCREMENT,
    follower_id BIGINT      NOT NULL,
    followee_id BIGINT      NOT NULL,
    created_at  DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (id),
    -- one row per pair makes follow idempotent; also serves "does the viewer follow these users"
    UNIQUE KEY uk_follow_pair (follower_id, followee_id),
    -- follow list (newest first) and follow counts
    KEY idx_follow_follower_time (follower_id, created_at),
    -- follower list (newest first) and follower counts
    KEY idx_follow_followee_time (followee_id, created_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
