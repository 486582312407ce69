package com.dousheng.common.upload;

import java.util.Locale;

/** Sizes as people read them in messages: "100 MB", "1.5 MB", "300 KB", "12 bytes". */
public final class DataSizes {
    private static final long KB = 1024;
    private static final long MB = KB * 1024;

    private DataSizes() {
    }

    public static String describe(long bytes) {
        if (bytes >= MB) {
            return trim(bytes / (double) MB) + " MB";
        }
        if (bytes >= KB) {
            return trim(bytes / (double) KB) + " KB";
        }
        return bytes + " bytes";
    }

    private static String trim(double value) {
        String text = String.format(Locale.ROOT, "%.1f", value);
        return text.endsWith(".0") ? text.substring(0, text.length() - 2) : text;
    }
}
