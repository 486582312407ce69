package com.dousheng.common.cache;

/**
 * One kind of read-model entry: its Redis key prefix, the service that owns it (the only one that fills and
 * invalidates it, from its own tables), how its values are encoded, and whether a value can change once written.
 * An immutable value (a video row, a profile) is also kept in each reader's memory; a mutable one (a counter, a
 * flag) is read from Redis on every request, so that a write's invalidation is seen by every instance at once.
 *
 * @param scoped whether the key also names a viewer ({@code prefix:viewer:id}), for per-viewer flags
 */
public record Space<V>(String prefix, String owner, Codec<V> codec, boolean immutable, boolean scoped) {

    public static <V> Space<V> mutable(String owner, String prefix, Codec<V> codec) {
        return new Space<>(prefix, owner, codec, false, false);
    }

    public static <V> Space<V> immutable(String owner, String prefix, Codec<V> codec) {
        return new Space<>(prefix, owner, codec, true, false);
    }

    /** Per-viewer entries, e.g. "did viewer v like video x". */
    public static <V> Space<V> perViewer(String owner, String prefix, Codec<V> codec) {
        return new Space<>(prefix, owner, codec, false, true);
    }

    String key(Long scope, long id) {
        if (scoped) {
            if (scope == null) {
                throw new IllegalArgumentException(prefix + " entries are per viewer: a viewer is required");
            }
            return prefix + ':' + scope + ':' + id;
        }
        return prefix + ':' + id;
    }
}
