package com.dousheng.user.profile;

import com.dousheng.user.account.UserAccount;
import com.dousheng.user.account.UserAccountMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.springframework.data.redis.connection.RedisStringCommands.SetOption;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.types.Expiration;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Profiles read through a Redis cache: one MGET for the whole batch, one IN query for the misses. MySQL is the
 * truth; a flushed cache only costs a query.
 */
@Component
public class ProfileStore {
    private static final String KEY_PREFIX = "user:profile:";

    private final UserAccountMapper accounts;
    private final StringRedisTemplate redis;
    private final JsonMapper json;
    private final UserProfileProperties properties;

    public ProfileStore(UserAccountMapper accounts, StringRedisTemplate redis, JsonMapper json,
                        UserProfileProperties properties) {
        this.accounts = accounts;
        this.redis = redis;
        this.json = json;
        this.properties = properties;
    }

    /** Profiles of the users that exist among {@code ids}, keyed by id. */
    public Map<Long, CachedProfile> find(Collection<Long> ids) {
        List<Long> distinct = new ArrayList<>(new LinkedHashSet<>(ids));
        Map<Long, CachedProfile> found = new HashMap<>();
        if (distinct.isEmpty()) {
            return found;
        }
        List<String> cached = redis.opsForValue().multiGet(distinct.stream().map(ProfileStore::key).toList());
        List<Long> misses = new ArrayList<>();
        for (int i = 0; i < distinct.size(); i++) {
            String value = cached == null ? null : cached.get(i);
            if (value == null) {
                misses.add(distinct.get(i));
            } else {
                found.put(distinct.get(i), json.readValue(value, CachedProfile.class));
            }
        }
        if (!misses.isEmpty()) {
            List<CachedProfile> loaded = new ArrayList<>(misses.size());
            for (UserAccount account : accounts.selectByIds(misses)) {
                CachedProfile profile = new CachedProfile(account.getId(), account.getUsername(), account.getAvatar(),
                        account.getBackgroundImage(), account.getSignature());
                found.put(profile.id(), profile);
                loaded.add(profile);
            }
            cache(loaded);
        }
        return found;
    }

    /** One pipelined round trip for all of them, not one per profile. */
    private void cache(List<CachedProfile> profiles) {
        if (profiles.isEmpty()) {
            return;
        }
        Expiration ttl = Expiration.from(properties.profileCacheTtl());
        redis.executePipelined((RedisCallback<Object>) connection -> {
            for (CachedProfile profile : profiles) {
                connection.stringCommands().set(key(profile.id()).getBytes(StandardCharsets.UTF_8),
                        json.writeValueAsBytes(profile), ttl, SetOption.upsert());
            }
            return null;
        });
    }

    private static String key(long id) {
        return KEY_PREFIX + id;
    }
}
