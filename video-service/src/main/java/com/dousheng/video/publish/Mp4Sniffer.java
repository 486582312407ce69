package com.dousheng.video.publish;

import java.nio.charset.StandardCharsets;

/**
 * Recognises MP4 by its container rather than its name: an ISO base media file starts with an {@code ftyp} box
 * (4-byte big-endian size, "ftyp", a 4-character major brand, ...). MOV and 3GP files are ISO media too, and
 * phones' players handle them, so any brand is accepted.
 */
final class Mp4Sniffer {
    static final int HEAD_LENGTH = 12;
    private static final int MIN_FTYP_SIZE = 16;
    private static final int MAX_FTYP_SIZE = 4096;

    private Mp4Sniffer() {
    }

    static boolean looksLikeMp4(byte[] head, int length, long fileSize) {
        if (length < HEAD_LENGTH) {
            return false;
        }
        long boxSize = ((head[0] & 0xFFL) << 24) | ((head[1] & 0xFFL) << 16)
                | ((head[2] & 0xFFL) << 8) | (head[3] & 0xFFL);
        if (boxSize < MIN_FTYP_SIZE || boxSize > MAX_FTYP_SIZE || boxSize > fileSize) {
            return false;
        }
        if (!"ftyp".equals(new String(head, 4, 4, StandardCharsets.ISO_8859_1))) {
            return false;
        }
        for (int i = 8; i < 12; i++) {
            if (head[i] < 0x20 || head[i] > 0x7E) {
                return false;
            }
        }
        return true;
    }
}
