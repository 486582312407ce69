package com.dousheng.common.api.message;

/**
 * The newest message between the query's viewer and {@code peerId}.
 *
 * @param content "" when they never exchanged a message
 * @param msgType 1 when the viewer sent it, 0 when the viewer received it (or there is none)
 */
public record LatestMessage(long peerId, String content, int msgType) {
    public static LatestMessage none(long peerId) {
        return new LatestMessage(peerId, "", 0);
    }
}
