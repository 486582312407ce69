package com.dousheng.user.profile;

import com.dousheng.common.api.user.UserProfile;
import com.dousheng.common.api.user.UserServiceClient;
import com.dousheng.common.cache.ReadModel;
import com.dousheng.user.account.UserAccount;
import com.dousheng.user.account.UserAccountMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * user-service's profile entries of the read model over {@code user_account}: one Redis round trip for the batch,
 * one IN query for what Redis lacked. The deployment's defaults are applied here, once, for every reader.
 */
@Component
public class ProfileStore {
    private final UserAccountMapper accounts;
    private final ReadModel readModel;
    private final UserProfileProperties properties;

    public ProfileStore(UserAccountMapper accounts, ReadModel readModel, UserProfileProperties properties) {
        this.accounts = accounts;
        this.readModel = readModel;
        this.properties = properties;
    }

    /** Profiles of those of {@code ids} that exist, in request order. */
    public List<UserProfile> find(List<Long> ids) {
        Map<Long, UserProfile> found = readModel.readThrough(UserServiceClient.PROFILES, null, ids,
                (scope, missing) -> {
                    Map<Long, UserProfile> loaded = new HashMap<>();
                    for (UserAccount account : accounts.selectByIds(missing)) {
                        loaded.put(account.getId(), new UserProfile(account.getId(), account.getUsername(),
                                orDefault(account.getAvatar(), properties.defaultAvatar()),
                                orDefault(account.getBackgroundImage(), properties.defaultBackground()),
                                orDefault(account.getSignature(), properties.defaultSignature())));
                    }
                    return loaded;
                });
        List<UserProfile> profiles = new ArrayList<>(ids.size());
        for (Long id : ids) {
            UserProfile profile = found.get(id);
            if (profile != null) {
                profiles.add(profile);
            }
        }
        return profiles;
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isEmpty() ? fallback : value;
    }
}
