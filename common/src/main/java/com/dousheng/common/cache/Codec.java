package com.dousheng.common.cache;

import java.util.Arrays;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;

/** How a space's values are written into, and read back from, a Redis string. */
public interface Codec<V> {
    String encode(V value);

    V decode(String text);

    /** Records and other Jackson-readable values as JSON. */
    static <V> Codec<V> json(Class<V> type) {
        JsonMapper mapper = JsonMapper.builder().build();
        return new Codec<>() {
            @Override
            public String encode(V value) {
                return mapper.writeValueAsString(value);
            }

            @Override
            public V decode(String text) {
                return mapper.readValue(text, type);
            }
        };
    }

    /** A count or a flag as its decimal digits: what the hot lists read most, so no JSON. */
    static Codec<Long> number() {
        return new Codec<>() {
            @Override
            public String encode(Long value) {
                return Long.toString(value);
            }

            @Override
            public Long decode(String text) {
                return Long.parseLong(text);
            }
        };
    }

    /** A few numbers, comma separated: the counters of one video or user, read for every author of every list. */
    static <V> Codec<V> numbers(java.util.function.Function<V, long[]> parts,
                                java.util.function.Function<long[], V> join) {
        return new Codec<>() {
            @Override
            public String encode(V value) {
                long[] numbers = parts.apply(value);
                StringBuilder text = new StringBuilder();
                for (int i = 0; i < numbers.length; i++) {
                    if (i > 0) {
                        text.append(',');
                    }
                    text.append(numbers[i]);
                }
                return text.toString();
            }

            @Override
            public V decode(String text) {
                if (text.isEmpty()) {
                    return join.apply(new long[0]);
                }
                // parsed in place, no String.split: a feed page decodes over a hundred of these
                int count = 1;
                for (int i = 0; i < text.length(); i++) {
                    if (text.charAt(i) == ',') {
                        count++;
                    }
                }
                long[] numbers = new long[count];
                int start = 0;
                for (int n = 0; n < count; n++) {
                    int end = text.indexOf(',', start);
                    if (end < 0) {
                        end = text.length();
                    }
                    numbers[n] = Long.parseLong(text, start, end, 10);
                    start = end + 1;
                }
                return join.apply(numbers);
            }
        };
    }

    /** A list of ids in order, comma separated: a list's members, e.g. a user's followers. */
    static Codec<List<Long>> ids() {
        return numbers(ids -> ids.stream().mapToLong(Long::longValue).toArray(),
                numbers -> Arrays.stream(numbers).boxed().toList());
    }

    static Codec<Boolean> flag() {
        return new Codec<>() {
            @Override
            public String encode(Boolean value) {
                return value ? "1" : "0";
            }

            @Override
            public Boolean decode(String text) {
                return "1".equals(text);
            }
        };
    }
}
