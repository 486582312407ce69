package com.dousheng.gateway.upload;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * A streamed upload went over the limit. Not an {@link java.io.IOException}: the forwarding that it stops is
 * the gateway's own doing, and must not count as the instance being unreachable (routing/UnreachableInstances).
 */
public class UploadTooLargeException extends ResponseStatusException {
    public UploadTooLargeException(String message) {
        super(HttpStatus.PAYLOAD_TOO_LARGE, message);
    }
}
