package com.dousheng.common.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SensitiveWordFilterTest {

    @Test
    void masksEveryOccurrenceIgnoringCase() {
        SensitiveWordFilter filter = new SensitiveWordFilter(List.of("bad", "傻逼"));
        assertThat(filter.mask("a BAD day, bad 傻逼!")).isEqualTo("a *** day, *** **!");
    }

    @Test
    void masksOverlappingAndNestedWords() {
        SensitiveWordFilter filter = new SensitiveWordFilter(List.of("he", "she", "hers", "his"));
        assertThat(filter.mask("ushers")).isEqualTo("u*****");
        assertThat(filter.mask("ahishe")).isEqualTo("a*****");
    }

    @Test
    void leavesCleanTextUntouchedAndIgnoresBlankWords() {
        SensitiveWordFilter filter = new SensitiveWordFilter(List.of("", "  ", "word"));
        assertThat(filter.wordCount()).isEqualTo(1);
        assertThat(filter.mask("nothing here")).isEqualTo("nothing here");
        assertThat(filter.containsAny("a Word")).isTrue();
    }

    @Test
    void emptyListChangesNothing() {
        assertThat(new SensitiveWordFilter(List.of()).mask("bad")).isEqualTo("bad");
    }
}
