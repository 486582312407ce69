package com.dousheng.interaction.counter;

import java.util.Collection;
import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

/** Counts straight from the truth tables, one grouped query for many ids. Ids with no rows are absent. */
@Mapper
public interface TruthCountMapper {

    @Select("<script>SELECT video_id AS id, COUNT(*) AS total FROM favorite WHERE video_id IN "
            + "<foreach collection='ids' item='i' open='(' separator=',' close=')'>#{i}</foreach> GROUP BY video_id</script>")
    List<IdCount> favoritesByVideo(@Param("ids") Collection<Long> ids);

    @Select("<script>SELECT video_id AS id, COUNT(*) AS total FROM comment WHERE video_id IN "
            + "<foreach collection='ids' item='i' open='(' separator=',' close=')'>#{i}</foreach> GROUP BY video_id</script>")
    List<IdCount> commentsByVideo(@Param("ids") Collection<Long> ids);

    @Select("<script>SELECT user_id AS id, COUNT(*) AS total FROM favorite WHERE user_id IN "
            + "<foreach collection='ids' item='i' open='(' separator=',' close=')'>#{i}</foreach> GROUP BY user_id</script>")
    List<IdCount> favoritesByUser(@Param("ids") Collection<Long> ids);

    @Select("<script>SELECT author_id AS id, COUNT(*) AS total FROM favorite WHERE author_id IN "
            + "<foreach collection='ids' item='i' open='(' separator=',' close=')'>#{i}</foreach> GROUP BY author_id</script>")
    List<IdCount> favoritesByAuthor(@Param("ids") Collection<Long> ids);
}
