package com.dousheng.video.publish;

import java.util.Collection;
import java.util.List;
import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Options;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

/** Uploads whose objects may be stored without a video row yet (see V2__create_pending_upload.sql). */
@Mapper
public interface PendingUploadMapper {

    @Insert("INSERT INTO pending_upload (video_key, cover_key) VALUES (#{videoKey}, #{coverKey})")
    @Options(useGeneratedKeys = true, keyProperty = "id", keyColumn = "id")
    int insert(PendingUpload upload);

    @Delete("DELETE FROM pending_upload WHERE id = #{id}")
    int delete(@Param("id") long id);

    /** Ages by the database's clock, so that instances with skewed clocks agree. */
    @Select("SELECT id, video_key, cover_key FROM pending_upload "
            + "WHERE created_at < NOW(3) - INTERVAL #{olderThanSeconds} SECOND ORDER BY id LIMIT #{limit}")
    List<PendingUpload> findOlderThan(@Param("olderThanSeconds") long olderThanSeconds, @Param("limit") int limit);

    /** Which of these keys a video row uses, as its video or as its cover. */
    @Select("""
            <script>
            SELECT play_key FROM video WHERE play_key IN
              <foreach collection="keys" item="key" open="(" separator="," close=")">#{key}</foreach>
            UNION
            SELECT cover_key FROM video WHERE cover_key IN
              <foreach collection="keys" item="key" open="(" separator="," close=")">#{key}</foreach>
            </script>
            """)
    List<String> findKeysInUse(@Param("keys") Collection<String> keys);
}
