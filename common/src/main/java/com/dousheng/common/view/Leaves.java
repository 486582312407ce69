package com.dousheng.common.view;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/** Turns a leaf's list answers into the id-keyed maps the read model's loaders return. */
final class Leaves {
    private Leaves() {
    }

    static <T, V> Map<Long, V> byId(List<T> answers, ToLongFunction<T> id, Function<T, V> value) {
        Map<Long, V> map = new HashMap<>();
        if (answers != null) {
            for (T answer : answers) {
                map.put(id.applyAsLong(answer), value.apply(answer));
            }
        }
        return map;
    }
}
