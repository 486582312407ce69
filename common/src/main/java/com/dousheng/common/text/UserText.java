package com.dousheng.common.text;

import com.dousheng.common.web.BizException;
import com.dousheng.common.web.ErrorCode;

/** The one rule for text users write for others (comments, chat): trimmed, non-empty, bounded in characters. */
public final class UserText {
    private UserText() {
    }

    /**
     * @param parameter     the request parameter's name, for the message
     * @param maxCodePoints the limit in characters as people count them (an emoji is one)
     * @return {@code raw} without surrounding whitespace
     */
    public static String require(String raw, String parameter, int maxCodePoints) {
        String text = raw.strip();
        if (text.isEmpty()) {
            throw new BizException(ErrorCode.INVALID_PARAMETER, parameter + " must not be empty");
        }
        if (text.codePointCount(0, text.length()) > maxCodePoints) {
            throw new BizException(ErrorCode.INVALID_PARAMETER,
                    parameter + " must be at most " + maxCodePoints + " characters");
        }
        return text;
    }
}
