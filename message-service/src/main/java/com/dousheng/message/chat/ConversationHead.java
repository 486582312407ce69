package com.dousheng.message.chat;

/** The latest message of a conversation, as the conversation row keeps it. */
public record ConversationHead(Long userLow, Long userHigh, Long lastFromUserId, String lastContent) {
}
