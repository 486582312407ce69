-- One row per pair of users (user_low < user_high), holding the latest message. Sending locks this row, which
-- orders the messages of a conversation and lets the friend list read latest messages without touching history.
CREATE TABLE conversation (
    user_low          BIGINT        NOT NULL,
    user_high         BIGINT        NOT NULL,
    last_message_id   BIGINT        NULL,
    last_from_user_id BIGINT        NULL,
    last_content      VARCHAR(2000) NOT NULL DEFAULT '',
    last_create_time  BIGINT        NOT NULL DEFAULT 0 COMMENT 'epoch ms of the latest message, 0 before the first',
    PRIMARY KEY (user_low, user_high),
    KEY idx_conversation_high (user_high, user_low)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE message (
    id           BIGINT        NOT NULL AUTO_INCREMENT,
    user_low     BIGINT        NOT NULL,
    user_high    BIGINT        NOT NULL,
    from_user_id BIGINT        NOT NULL,
    to_user_id   BIGINT        NOT NULL,
    -- at most 1000 characters are accepted; masking can turn one supplementary character into two '*'
    content      VARCHAR(2000) NOT NULL,
    create_time  BIGINT        NOT NULL COMMENT 'epoch ms, strictly increasing within a conversation',
    PRIMARY KEY (id),
    -- a chat page is a range of this key; unique, so no two messages of a conversation share a millisecond
    UNIQUE KEY uk_message_conversation_time (user_low, user_high, create_time)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
