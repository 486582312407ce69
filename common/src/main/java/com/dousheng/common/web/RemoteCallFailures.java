package com.dousheng.common.web;

/**
 * Recognises failures of calls to other services without making every module depend on Feign: Feign's own
 * exceptions (an error answer, a refused connection or a timeout, as {@code feign.RetryableException}), the load
 * balancer's (no instance), and the circuit breaker's. A Feign call runs inside a Spring Cloud CircuitBreaker
 * without fallback, so every failure of it reaches the caller wrapped in {@code NoFallbackAvailableException}, and an
 * open breaker refuses with Resilience4j's {@code CallNotPermittedException}.
 */
public final class RemoteCallFailures {
    private static final String NO_FALLBACK = "org.springframework.cloud.client.circuitbreaker.NoFallbackAvailableException";

    private RemoteCallFailures() {
    }

    public static boolean isRemoteFailure(Throwable e) {
        return remoteCause(e) != null;
    }

    /**
     * What to log of a remote failure: the most specific remote exception in the chain (the breaker's wrapper says
     * only "No fallback available."), e.g. {@code feign.RetryableException: Read timed out executing POST ...} or
     * {@code CallNotPermittedException: CircuitBreaker 'video-service' is OPEN ...}.
     */
    public static String describe(Throwable e) {
        Throwable cause = remoteCause(e);
        return (cause == null ? e : cause).toString();
    }

    /** The first remote exception of the chain below the breaker's wrapper; the wrapper itself if none is below. */
    private static Throwable remoteCause(Throwable e) {
        Throwable found = null;
        for (Throwable t = e; t != null; t = t.getCause()) {
            String name = t.getClass().getName();
            if (name.equals(NO_FALLBACK)) {
                if (found == null) {
                    found = t;
                }
            } else if (name.startsWith("feign.") || name.startsWith("org.springframework.cloud.client.loadbalancer")
                    || name.startsWith("io.github.resilience4j.")
                    || t instanceof java.net.ConnectException || t instanceof java.net.SocketTimeoutException) {
                return t;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return found;
    }
}
