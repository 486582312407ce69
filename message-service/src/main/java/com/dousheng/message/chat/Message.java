package com.dousheng.message.chat;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;

/** A stored message; {@code userLow}/{@code userHigh} are its conversation, the pair's ids in order. */
@TableName("message")
public class Message {
    @TableId(type = IdType.AUTO)
    private Long id;
    private Long userLow;
    private Long userHigh;
    private Long fromUserId;
    private Long toUserId;
    private String content;
    private Long createTime;

    public Message() {
    }

    public Message(long fromUserId, long toUserId, String content, long createTime) {
        this.userLow = Math.min(fromUserId, toUserId);
        this.userHigh = Math.max(fromUserId, toUserId);
        this.fromUserId = fromUserId;
        this.toUserId = toUserId;
        this.content = content;
        this.createTime = createTime;
    }

    public Long getId() {
        return id;
    }

    public void setId(Long id) {
        this.id = id;
    }

    public Long getUserLow() {
        return userLow;
    }

    public void setUserLow(Long userLow) {
        this.userLow = userLow;
    }

    public Long getUserHigh() {
        return userHigh;
    }

    public void setUserHigh(Long userHigh) {
        this.userHigh = userHigh;
    }

    public Long getFromUserId() {
        return fromUserId;
    }

    public void setFromUserId(Long fromUserId) {
        this.fromUserId = fromUserId;
    }

    public Long getToUserId() {
        return toUserId;
    }

    public void setToUserId(Long toUserId) {
        this.toUserId = toUserId;
    }

    public String getContent() {
        return content;
    }

    public void setContent(String content) {
        this.content = content;
    }

    public Long getCreateTime() {
        return createTime;
    }

    public void setCreateTime(Long createTime) {
        this.createTime = createTime;
    }
}
