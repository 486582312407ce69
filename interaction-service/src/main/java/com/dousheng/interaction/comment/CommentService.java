package com.dousheng.interaction.comment;

import com.dousheng.common.api.user.UserDTO;
import com.dousheng.common.view.UserViews;
import com.dousheng.common.text.SensitiveWordFilter;
import com.dousheng.common.text.UserText;
import com.dousheng.common.web.BizException;
import com.dousheng.common.web.ErrorCode;
import com.dousheng.interaction.InteractionProperties;
import com.dousheng.interaction.counter.InteractionCounts;
import com.dousheng.interaction.video.VideoLookup;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

@Service
public class CommentService {
    static final int POST = 1;
    static final int DELETE = 2;
    static final int MAX_LENGTH = 500;

    private final CommentMapper comments;
    private final VideoLookup videos;
    private final UserViews users;
    private final InteractionCounts counts;
    private final SensitiveWordFilter filter;
    private final DateTimeFormatter dateFormat;
    private final int listLimit;

    public CommentService(CommentMapper comments, VideoLookup videos, UserViews users,
                          InteractionCounts counts, SensitiveWordFilter filter, InteractionProperties properties) {
        this.comments = comments;
        this.videos = videos;
        this.users = users;
        this.counts = counts;
        this.filter = filter;
        this.dateFormat = DateTimeFormatter.ofPattern("MM-dd").withZone(properties.commentTimeZone());
        this.listLimit = properties.listLimit();
    }

    public CommentView act(long userId, long videoId, int actionType, String text, Long commentId) {
        if (actionType == POST) {
            if (text == null) {
                throw new BizException(ErrorCode.MISSING_PARAMETER, "parameter 'comment_text' is required to post");
            }
            return post(userId, videoId, text);
        }
        if (actionType == DELETE) {
            if (commentId == null) {
                throw new BizException(ErrorCode.MISSING_PARAMETER, "parameter 'comment_id' is required to delete");
            }
            return delete(userId, videoId, commentId);
        }
        throw new BizException(ErrorCode.INVALID_PARAMETER, "action_type must be 1 (post) or 2 (delete)");
    }

    /** Everything that can refuse (text, video, commenter) is checked before the row is written. */
    private CommentView post(long userId, long videoId, String text) {
        String content = UserText.require(text, "comment_text", MAX_LENGTH);
        videos.authorOf(videoId);
        UserDTO commenter = requireUser(userId);

        Comment comment = new Comment();
        comment.setVideoId(videoId);
        comment.setUserId(userId);
        comment.setContent(filter.mask(content));
        comment.setCreatedAt(System.currentTimeMillis());
        comments.insert(comment);
        counts.commentsChanged(videoId);
        return view(comment, commenter);
    }

    private CommentView delete(long userId, long videoId, long commentId) {
        Comment comment = comments.selectById(commentId);
        if (comment == null || comment.getVideoId() != videoId) {
            throw new BizException(ErrorCode.COMMENT_NOT_FOUND,
                    "comment " + commentId + " does not exist on video " + videoId);
        }
        if (comment.getUserId() != userId) {
            throw new BizException(ErrorCode.FORBIDDEN, "only the author of a comment can delete it");
        }
        UserDTO commenter = requireUser(userId);
        int deleted = comments.deleteOwn(commentId, videoId, userId);
        counts.commentsChanged(videoId);
        if (deleted == 0) {
            // a concurrent request deleted it first
            throw new BizException(ErrorCode.COMMENT_NOT_FOUND, "comment " + commentId + " was already deleted");
        }
        return view(comment, commenter);
    }

    /** Newest first; commenters come from one batch call (comments of users that no longer exist are left out). */
    public List<CommentView> list(long videoId, Long viewerId) {
        List<Comment> rows = comments.newestOfVideo(videoId, listLimit);
        if (rows.isEmpty()) {
            return List.of();
        }
        List<Long> userIds = new ArrayList<>(new LinkedHashSet<>(rows.stream().map(Comment::getUserId).toList()));
        Map<Long, UserDTO> byId = new HashMap<>();
        for (UserDTO user : users.usersAsSeenBy(viewerId, userIds)) {
            byId.put(user.id(), user);
        }
        List<CommentView> views = new ArrayList<>(rows.size());
        for (Comment row : rows) {
            UserDTO user = byId.get(row.getUserId());
            if (user != null) {
                views.add(view(row, user));
            }
        }
        return views;
    }

    private CommentView view(Comment comment, UserDTO user) {
        return new CommentView(comment.getId(), user, comment.getContent(),
                dateFormat.format(Instant.ofEpochMilli(comment.getCreatedAt())));
    }

    /** The commenter as they see themselves; the same batch API that lists use. */
    private UserDTO requireUser(long userId) {
        return users.usersAsSeenBy(userId, List.of(userId)).stream()
                .filter(u -> u.id() == userId)
                .findFirst()
                .orElseThrow(() -> new BizException(ErrorCode.USER_NOT_FOUND, "user " + userId + " does not exist"));
    }
}
