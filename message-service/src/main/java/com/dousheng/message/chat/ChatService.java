package com.dousheng.message.chat;

import com.dousheng.common.api.message.LatestMessage;
import com.dousheng.common.api.user.UserChecks;
import com.dousheng.common.api.user.UserServiceClient;
import com.dousheng.common.text.SensitiveWordFilter;
import com.dousheng.common.text.UserText;
import com.dousheng.common.web.BizException;
import com.dousheng.common.web.ErrorCode;
import com.dousheng.message.MessageProperties;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sending and reading chat messages.
 *
 * <p>The client polls with the {@code create_time} of the last message it got and appends what comes back, so
 * a message must never appear with a time at or below one the client has already seen. Sending therefore locks
 * the conversation row and stamps the message {@code max(now, previous + 1)}: times are strictly increasing per
 * conversation (the unique key enforces it), and since the next sender waits for this transaction to commit,
 * messages become visible in time order. Any poll sees a prefix of the conversation, so nothing is skipped.
 */
@Service
public class ChatService {
    public static final int SEND = 1;
    static final int MAX_CONTENT_CHARS = 1000;

    private final MessageMapper messages;
    private final ConversationMapper conversations;
    private final UserServiceClient users;
    private final SensitiveWordFilter filter;
    private final Clock clock;
    private final TransactionTemplate transaction;
    private final int pageSize;

    public ChatService(MessageMapper messages, ConversationMapper conversations, UserServiceClient users,
                       SensitiveWordFilter filter, Clock clock, PlatformTransactionManager transactions,
                       MessageProperties properties) {
        this.messages = messages;
        this.conversations = conversations;
        this.users = users;
        this.filter = filter;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
        // the row lock does the ordering; read committed keeps InnoDB from adding gap locks around it
        this.transaction.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
        this.pageSize = properties.chatPageSize();
    }

    public void send(long fromUserId, long toUserId, int actionType, String rawContent) {
        if (actionType != SEND) {
            throw new BizException(ErrorCode.INVALID_PARAMETER, "action_type must be 1 (send)");
        }
        String content = UserText.require(rawContent, "content", MAX_CONTENT_CHARS);
        if (fromUserId == toUserId) {
            throw new BizException(ErrorCode.CANNOT_MESSAGE_SELF);
        }
        // asked before the transaction, so that no database connection waits on another service
        UserChecks.requireExists(users, toUserId, "user " + toUserId + " does not exist");
        String masked = filter.mask(content);
        transaction.executeWithoutResult(status -> append(fromUserId, toUserId, masked));
    }

    private void append(long fromUserId, long toUserId, String content) {
        long low = Math.min(fromUserId, toUserId);
        long high = Math.max(fromUserId, toUserId);
        conversations.ensureLocked(low, high);
        long previous = conversations.lastCreateTimeForUpdate(low, high);
        Message message = new Message(fromUserId, toUserId, content, Math.max(clock.millis(), previous + 1));
        messages.insert(message);
        conversations.recordLatest(message);
    }

    /** Messages between the two users, both directions, with create_time after {@code after}, oldest first. */
    public List<Message> chat(long viewerId, long otherUserId, long after) {
        if (viewerId == otherUserId) {
            return List.of();
        }
        return messages.after(Math.min(viewerId, otherUserId), Math.max(viewerId, otherUserId), after, pageSize);
    }

    /** The latest message between the viewer and each peer, one entry per requested peer, in one query. */
    public List<LatestMessage> latest(long viewerId, List<Long> peerIds) {
        List<Long> requested = peerIds == null ? List.of() : peerIds.stream().filter(Objects::nonNull).toList();
        Set<Long> higher = new LinkedHashSet<>();
        Set<Long> lower = new LinkedHashSet<>();
        for (Long peer : requested) {
            if (peer > viewerId) {
                higher.add(peer);
            } else if (peer < viewerId) {
                lower.add(peer);
            }
        }
        Map<Long, LatestMessage> byPeer = new HashMap<>();
        if (!higher.isEmpty() || !lower.isEmpty()) {
            for (ConversationHead head : conversations.heads(viewerId, higher, lower)) {
                long peer = head.userLow() == viewerId ? head.userHigh() : head.userLow();
                int msgType = head.lastFromUserId() != null && head.lastFromUserId() == viewerId ? 1 : 0;
                byPeer.put(peer, new LatestMessage(peer, head.lastContent(), msgType));
            }
        }
        List<LatestMessage> result = new ArrayList<>(requested.size());
        for (Long peer : requested) {
            result.add(byPeer.getOrDefault(peer, LatestMessage.none(peer)));
        }
        return result;
    }
}
