package com.dousheng.video.publish;

import com.dousheng.common.api.user.UserChecks;
import com.dousheng.common.api.user.UserServiceClient;
import com.dousheng.common.text.SensitiveWordFilter;
import com.dousheng.common.upload.UploadProperties;
import com.dousheng.common.web.BizException;
import com.dousheng.common.web.ErrorCode;
import com.dousheng.video.VideoProperties;
import com.dousheng.video.catalog.Video;
import com.dousheng.video.catalog.VideoCatalog;
import com.dousheng.video.feed.FeedIndex;
import com.dousheng.video.cover.CoverMaker;
import com.dousheng.video.storage.Storage;
import com.dousheng.video.storage.StorageException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.web.multipart.MultipartFile;

/**
 * Publishes an upload: checks it (file present, within the size limit, an MP4 by its bytes, a title of acceptable
 * length, an existing author), stores the video and its cover, then inserts the row. Anything failing after the
 * first object was stored removes what was stored, so a failed upload leaves neither a row nor a file; if the
 * process dies instead, the upload's {@code pending_upload} row lets {@link OrphanedUploadSweeper} do it later.
 */
@Service
public class PublishService {
    private static final Logger log = LoggerFactory.getLogger(PublishService.class);
    private static final DateTimeFormatter KEY_MONTH = DateTimeFormatter.ofPattern("yyyy/MM");

    private final UserServiceClient users;
    private final Storage storage;
    private final CoverMaker coverMaker;
    private final VideoRecorder recorder;
    private final VideoCatalog catalog;
    private final FeedIndex feedIndex;
    private final PendingUploadMapper pendingUploads;
    private final SensitiveWordFilter wordFilter;
    private final Clock clock;
    private final UploadProperties uploads;
    private final int maxTitleLength;

    public PublishService(UserServiceClient users, Storage storage, CoverMaker coverMaker, VideoRecorder recorder,
                          VideoCatalog catalog, FeedIndex feedIndex,
                          PendingUploadMapper pendingUploads, SensitiveWordFilter wordFilter, Clock clock,
                          VideoProperties properties, UploadProperties uploads) {
        this.users = users;
        this.storage = storage;
        this.coverMaker = coverMaker;
        this.recorder = recorder;
        this.catalog = catalog;
        this.feedIndex = feedIndex;
        this.pendingUploads = pendingUploads;
        this.wordFilter = wordFilter;
        this.clock = clock;
        this.uploads = uploads;
        this.maxTitleLength = properties.maxTitleLength();
    }

    public Video publish(long authorId, MultipartFile data, String title) {
        checkFile(data);
        String cleanTitle = checkTitle(title);
        UserChecks.requireExists(users, authorId, "your account no longer exists; please log in again");
        Path staged = stage(data);
        try {
            return store(authorId, wordFilter.mask(cleanTitle), staged);
        } finally {
            deleteQuietly(staged);
        }
    }

    private Video store(long authorId, String title, Path staged) {
        String name = LocalDate.now(clock.withZone(ZoneOffset.UTC)).format(KEY_MONTH) + "/" + UUID.randomUUID();
        String videoKey = "videos/" + name + ".mp4";
        Optional<byte[]> cover = coverMaker.coverOf(staged, videoKey);
        String coverKey = cover.isPresent() ? "covers/" + name + ".jpg" : null;
        // committed before anything is stored: if this process dies before the video row is written, the
        // OrphanedUploadSweeper finds the row and deletes what was stored
        PendingUpload pending = new PendingUpload(videoKey, coverKey);
        pendingUploads.insert(pending);
        try {
            storage.put(videoKey, staged, "video/mp4");
            if (coverKey != null) {
                storage.put(coverKey, cover.get(), "image/jpeg");
            }
            Video video = recorder.record(authorId, title, videoKey, coverKey, clock.millis());
            // committed: every instance sees it from the moment this request returns
            catalog.published(catalog.toRow(video));
            feedIndex.published();
            forget(pending);
            return video;
        } catch (RuntimeException e) {
            // every key, stored or not: a put that failed may still have written its object
            boolean cleanedUp = true;
            for (String key : pending.keys()) {
                cleanedUp &= storage.delete(key);
            }
            if (cleanedUp) {
                forget(pending);
            }
            if (e instanceof StorageException) {
                log.error("upload by user {} could not be stored", authorId, e);
                throw new BizException(ErrorCode.SERVICE_UNAVAILABLE, "the video could not be stored, please retry");
            }
            throw e;
        }
    }

    /** Best effort: a row left behind is swept later, and the sweeper keeps objects that a video row uses. */
    private void forget(PendingUpload pending) {
        try {
            pendingUploads.delete(pending.getId());
        } catch (RuntimeException e) {
            log.warn("could not remove pending upload {}: {}", pending.getId(), e.toString());
        }
    }

    private void checkFile(MultipartFile data) {
        if (data == null) {
            throw new BizException(ErrorCode.MISSING_PARAMETER,
                    "no video received: send the MP4 file as the multipart part 'data'");
        }
        if (data.isEmpty()) {
            throw new BizException(ErrorCode.VIDEO_REJECTED, "the video file is empty");
        }
        if (data.getSize() > uploads.maxBytes()) {
            throw new BizException(ErrorCode.PAYLOAD_TOO_LARGE, uploads.tooLargeMessage());
        }
        byte[] head = new byte[Mp4Sniffer.HEAD_LENGTH];
        int read;
        try (InputStream in = data.getInputStream()) {
            read = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw new BizException(ErrorCode.BAD_REQUEST, "the upload could not be read, please retry");
        }
        if (!Mp4Sniffer.looksLikeMp4(head, read, data.getSize())) {
            throw new BizException(ErrorCode.VIDEO_REJECTED,
                    "the file is not an MP4 video (no MP4 'ftyp' header); upload an .mp4 file");
        }
    }

    private String checkTitle(String title) {
        String range = "1 to " + maxTitleLength + " characters";
        if (title == null) {
            throw new BizException(ErrorCode.MISSING_PARAMETER, "parameter 'title' is required: " + range);
        }
        String trimmed = title.strip();
        if (trimmed.isEmpty()) {
            throw new BizException(ErrorCode.INVALID_PARAMETER, "the title is empty; write " + range);
        }
        int length = trimmed.codePointCount(0, trimmed.length());
        if (length > maxTitleLength) {
            throw new BizException(ErrorCode.INVALID_PARAMETER,
                    "the title has " + length + " characters; at most " + maxTitleLength + " are allowed");
        }
        return trimmed;
    }

    private static Path stage(MultipartFile data) {
        Path staged = null;
        try {
            staged = Files.createTempFile("dousheng-upload-", ".mp4");
            data.transferTo(staged.toFile());
            return staged;
        } catch (IOException e) {
            deleteQuietly(staged);
            log.error("could not stage an upload of {} bytes", data.getSize(), e);
            throw new BizException(ErrorCode.SERVICE_UNAVAILABLE, "the upload could not be received, please retry");
        }
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("could not delete staged upload {}: {}", file, e.toString());
        }
    }
}
