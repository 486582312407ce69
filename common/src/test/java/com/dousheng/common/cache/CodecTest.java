package com.dousheng.common.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CodecTest {
    private final Codec<List<Long>> ids = Codec.ids();

    @Test
    void idListsGoThroughTheirTextUnchanged() {
        for (List<Long> list : List.of(List.<Long>of(), List.of(7L), List.of(301L, 12L, 9_007_199_254_740_993L),
                List.of(-1L, 0L, Long.MAX_VALUE, Long.MIN_VALUE))) {
            String text = ids.encode(list);
            assertThat(ids.decode(text)).as(text).isEqualTo(list);
        }
        assertThat(ids.encode(List.of(3L, 2L, 1L))).isEqualTo("3,2,1");
    }

    @Test
    void aDamagedEntryIsRefusedNotReadAsSomeOtherNumbers() {
        // the read model treats an entry it cannot decode as a miss and asks the owner
        for (String damaged : List.of("1,,2", "1,2,", ",1", "1;2", "12a", " 1")) {
            assertThatThrownBy(() -> ids.decode(damaged)).as(damaged).isInstanceOf(NumberFormatException.class);
        }
    }
}
