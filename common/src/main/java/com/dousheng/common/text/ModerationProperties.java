package com.dousheng.common.text;

import java.util.List;

/**
 * {@code dousheng.moderation}: the words masked in comments, titles and chat. Read through
 * {@link com.dousheng.common.config.LiveProperties}, so that a change (a Nacos push) applies without a restart.
 *
 * @param wordList   location of the base list, one word a line ({@code #} starts a comment); default in
 *                   common's dousheng-service-defaults.yml, env {@code DOUSHENG_SENSITIVE_WORDS}
 * @param extraWords words masked on top of that list, e.g. from the shared Nacos data id
 */
public record ModerationProperties(String wordList, List<String> extraWords) {
    public ModerationProperties {
        wordList = wordList == null || wordList.isBlank() ? "classpath:sensitive-words.txt" : wordList;
        extraWords = extraWords == null ? List.of() : List.copyOf(extraWords);
    }
}
