package com.dousheng.gateway.error;

/** Looks through a failure's chain of causes, where reactor-netty and the balancer wrap what really happened. */
public final class Causes {
    private Causes() {
    }

    /** Whether the failure, or any of its causes, is one of the given types. */
    @SafeVarargs
    public static boolean include(Throwable failure, Class<? extends Throwable>... types) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            for (Class<? extends Throwable> type : types) {
                if (type.isInstance(t)) {
                    return true;
                }
            }
        }
        return false;
    }
}
