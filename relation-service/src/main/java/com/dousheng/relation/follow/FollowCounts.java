package com.dousheng.relation.follow;

/** How many users a user follows and how many follow them. */
public record FollowCounts(long followCount, long followerCount) {
    static final FollowCounts NONE = new FollowCounts(0, 0);

    String encode() {
        return followCount + ":" + followerCount;
    }

    static FollowCounts decode(String value) {
        int colon = value.indexOf(':');
        return new FollowCounts(Long.parseLong(value.substring(0, colon)), Long.parseLong(value.substring(colon + 1)));
    }
}
