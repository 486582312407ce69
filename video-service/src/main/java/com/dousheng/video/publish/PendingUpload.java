package com.dousheng.video.publish;

import java.util.ArrayList;
import java.util.List;

/** A row of {@code pending_upload}; mutable because MyBatis fills in the generated id. */
public class PendingUpload {
    private Long id;
    private String videoKey;
    private String coverKey;

    public PendingUpload() {
    }

    PendingUpload(String videoKey, String coverKey) {
        this.videoKey = videoKey;
        this.coverKey = coverKey;
    }

    public Long getId() {
        return id;
    }

    public void setId(Long id) {
        this.id = id;
    }

    public String getVideoKey() {
        return videoKey;
    }

    public void setVideoKey(String videoKey) {
        this.videoKey = videoKey;
    }

    public String getCoverKey() {
        return coverKey;
    }

    public void setCoverKey(String coverKey) {
        this.coverKey = coverKey;
    }

    List<String> keys() {
        List<String> keys = new ArrayList<>(2);
        keys.add(videoKey);
        if (coverKey != null) {
            keys.add(coverKey);
        }
        return keys;
    }
}
