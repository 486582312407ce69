package com.dousheng.common.web;

/** What the client is told about a failure: the code and a message a person can act on. */
public record Failure(ErrorCode code, String message) {
}
