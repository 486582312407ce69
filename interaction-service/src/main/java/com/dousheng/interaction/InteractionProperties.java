package com.dousheng.interaction;

import java.time.Duration;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param commentTimeZone zone whose calendar day a comment's {@code create_date} shows
 * @param counterTtl      how long a cached counter lives before it is recounted from MySQL
 * @param listLimit       most entries a favorite or comment list returns (the contract has no paging)
 */
@ConfigurationProperties("dousheng.interaction")
public record InteractionProperties(ZoneId commentTimeZone, Duration counterTtl, Integer listLimit) {
    public InteractionProperties {
        if (commentTimeZone == null) {
            commentTimeZone = ZoneId.of("Asia/Shanghai");
        }
        if (counterTtl == null) {
            counterTtl = Duration.ofHours(6);
        }
        if (listLimit == null || listLimit <= 0) {
            listLimit = 1000;
        }
    }
}
