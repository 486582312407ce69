package com.dousheng.common.web;

/** Recognises failures of calls to other services without making every module depend on Feign. */
public final class RemoteCallFailures {
    private RemoteCallFailures() {
    }

    public static boolean isRemoteFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String name = t.getClass().getName();
            if (name.startsWith("feign.") || name.startsWith("org.springframework.cloud.client.loadbalancer")
                    || t instanceof java.net.ConnectException || t instanceof java.net.SocketTimeoutException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
