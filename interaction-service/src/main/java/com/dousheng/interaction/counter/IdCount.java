package com.dousheng.interaction.counter;

/** One row of a GROUP BY count. */
public record IdCount(Long id, Long total) {
}
