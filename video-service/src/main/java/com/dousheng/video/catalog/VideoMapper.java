package com.dousheng.video.catalog;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;
import com.dousheng.common.api.video.UserWorkCount;
import java.util.Collection;
import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

@Mapper
public interface VideoMapper extends BaseMapper<VideoEntity> {

    /** Served from the unique index on published_at alone (InnoDB secondary indexes carry the primary key). */
    @Select("SELECT id FROM video WHERE published_at < #{before} ORDER BY published_at DESC LIMIT #{limit}")
    List<Long> idsPublishedBefore(@Param("before") long before, @Param("limit") int limit);

    @Select("SELECT id FROM video WHERE author_id = #{authorId} ORDER BY published_at DESC LIMIT #{limit}")
    List<Long> idsByAuthor(@Param("authorId") long authorId, @Param("limit") int limit);

    @Select("SELECT id, published_at FROM video ORDER BY published_at DESC LIMIT #{limit}")
    List<VideoStamp> newest(@Param("limit") int limit);

    @Select("""
            <script>
            SELECT author_id, COUNT(*) FROM video
            WHERE author_id IN <foreach collection="authorIds" item="a" open="(" separator="," close=")">#{a}</foreach>
            GROUP BY author_id
            </script>""")
    List<UserWorkCount> countByAuthors(@Param("authorIds") Collection<Long> authorIds);
}
