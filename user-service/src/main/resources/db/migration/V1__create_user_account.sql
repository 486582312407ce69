CREATE TABLE user_account (
    id               BIGINT       NOT NULL AUTO_INCREMENT,
    username         VARCHAR(32)  NOT NULL,
    password_hash    VARCHAR(100) NOT NULL,
    avatar           VARCHAR(512) NULL COMMENT 'NULL means the deployment default image',
    background_image VARCHAR(512) NULL COMMENT 'NULL means the deployment default image',
    signature        VARCHAR(255) NULL,
    created_at       DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (id),
    UNIQUE KEY uk_user_account_username (username)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
