package com.dousheng.interaction.comment;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;
import java.util.List;
import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

@Mapper
public interface CommentMapper extends BaseMapper<Comment> {

    /** Deletes only if the comment is {@code userId}'s and on {@code videoId}; 1 when it did. */
    @Delete("DELETE FROM comment WHERE id = #{id} AND video_id = #{videoId} AND user_id = #{userId}")
    int deleteOwn(@Param("id") long id, @Param("videoId") long videoId, @Param("userId") long userId);

    @Select("SELECT id, video_id, user_id, content, created_at FROM comment WHERE video_id = #{videoId} "
            + "ORDER BY id DESC LIMIT #{limit}")
    List<Comment> newestOfVideo(@Param("videoId") long videoId, @Param("limit") int limit);
}
