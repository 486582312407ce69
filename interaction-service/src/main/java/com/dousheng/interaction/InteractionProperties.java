package com.dousheng.interaction;

import static com.dousheng.common.config.RequiredSettings.require;

import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Defaults and environment variables in application.yml.
 *
 * @param commentTimeZone   zone whose calendar day a comment's {@code create_date} shows
 * @param listLimit         most entries a favorite or comment list returns (the contract has no paging)
 */
@ConfigurationProperties("dousheng.interaction")
public record InteractionProperties(ZoneId commentTimeZone, int listLimit) {
    public InteractionProperties {
        require(commentTimeZone, "dousheng.interaction.comment-time-zone (env DOUSHENG_COMMENT_TIME_ZONE)");
        if (listLimit <= 0) {
            throw new IllegalArgumentException("dousheng.interaction.list-limit (env DOUSHENG_INTERACTION_LIST_LIMIT)"
                    + " must be positive, was " + listLimit);
        }
    }
}
