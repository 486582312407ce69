package com.dousheng.interaction.favorite;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;
import java.util.Collection;
import java.util.List;
import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

@Mapper
public interface FavoriteMapper extends BaseMapper<Favorite> {

    /** 1 when the like is new, 0 when it already existed (the unique key makes repeated likes no-ops). */
    @Insert("INSERT IGNORE INTO favorite (user_id, video_id, author_id, created_at) "
            + "VALUES (#{userId}, #{videoId}, #{authorId}, #{createdAt})")
    int insertIgnore(@Param("userId") long userId, @Param("videoId") long videoId,
                     @Param("authorId") long authorId, @Param("createdAt") long createdAt);

    /** 1 when a like was removed, 0 when there was none. */
    @Delete("DELETE FROM favorite WHERE user_id = #{userId} AND video_id = #{videoId}")
    int deleteLike(@Param("userId") long userId, @Param("videoId") long videoId);

    /** The videos {@code userId} liked, newest like first. */
    @Select("SELECT video_id FROM favorite WHERE user_id = #{userId} ORDER BY id DESC LIMIT #{limit}")
    List<Long> likedVideoIds(@Param("userId") long userId, @Param("limit") int limit);

    /** Those of {@code videoIds} that {@code userId} liked. */
    @Select("<script>SELECT video_id FROM favorite WHERE user_id = #{userId} AND video_id IN "
            + "<foreach collection='videoIds' item='v' open='(' separator=',' close=')'>#{v}</foreach></script>")
    List<Long> likedAmong(@Param("userId") long userId, @Param("videoIds") Collection<Long> videoIds);
}
