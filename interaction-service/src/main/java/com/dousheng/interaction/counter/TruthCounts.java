package com.dousheng.interaction.counter;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/** Exact counter values computed from MySQL: at most one query per counter kind, whatever the number of ids. */
@Component
public class TruthCounts {
    private final TruthCountMapper mapper;

    public TruthCounts(TruthCountMapper mapper) {
        this.mapper = mapper;
    }

    public Map<CounterKey, Long> count(Collection<CounterKey> keys) {
        Map<CounterKind, Set<Long>> idsByKind = new EnumMap<>(CounterKind.class);
        for (CounterKey key : keys) {
            idsByKind.computeIfAbsent(key.kind(), k -> new LinkedHashSet<>()).add(key.id());
        }
        Map<CounterKey, Long> result = new HashMap<>();
        for (Map.Entry<CounterKind, Set<Long>> entry : idsByKind.entrySet()) {
            CounterKind kind = entry.getKey();
            List<Long> ids = new ArrayList<>(entry.getValue());
            for (Long id : ids) {
                result.put(new CounterKey(kind, id), 0L);
            }
            for (IdCount row : query(kind, ids)) {
                result.put(new CounterKey(kind, row.id()), row.total());
            }
        }
        return result;
    }

    private List<IdCount> query(CounterKind kind, List<Long> ids) {
        switch (kind) {
            case VIDEO_FAVORITES:
                return mapper.favoritesByVideo(ids);
            case VIDEO_COMMENTS:
                return mapper.commentsByVideo(ids);
            case USER_LIKED:
                return mapper.favoritesByUser(ids);
            case USER_RECEIVED:
                return mapper.favoritesByAuthor(ids);
            default:
                throw new IllegalArgumentException("no truth query for " + kind);
        }
    }
}
