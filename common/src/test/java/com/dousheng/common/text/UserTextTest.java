package com.dousheng.common.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dousheng.common.web.BizException;
import org.junit.jupiter.api.Test;

class UserTextTest {

    @Test
    void stripsAndCountsCharactersAsPeopleDo() {
        assertThat(UserText.require("  hi 😀 \n", "content", 4)).isEqualTo("hi 😀");
        assertThat(UserText.require("😀😀😀", "content", 3)).isEqualTo("😀😀😀");
    }

    @Test
    void refusesBlankAndOverlongTextNamingTheParameter() {
        assertThatThrownBy(() -> UserText.require(" \t ", "comment_text", 5))
                .isInstanceOf(BizException.class).hasMessage("comment_text must not be empty");
        assertThatThrownBy(() -> UserText.require("abcdef", "content", 5))
                .isInstanceOf(BizException.class).hasMessage("content must be at most 5 characters");
    }
}
