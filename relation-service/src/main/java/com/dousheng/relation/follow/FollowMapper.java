package com.dousheng.relation.follow;

import java.util.Collection;
import java.util.List;
import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

/** The {@code follow} truth table. Every method is one statement, whatever the number of ids. */
@Mapper
public interface FollowMapper {

    /** Adds the pair unless it exists (a repeated follow keeps the first row and its time). */
    @Insert("INSERT IGNORE INTO follow (follower_id, followee_id) VALUES (#{followerId}, #{followeeId})")
    int insertIfAbsent(@Param("followerId") long followerId, @Param("followeeId") long followeeId);

    @Delete("DELETE FROM follow WHERE follower_id = #{followerId} AND followee_id = #{followeeId}")
    int delete(@Param("followerId") long followerId, @Param("followeeId") long followeeId);

    @Select("SELECT followee_id FROM follow WHERE follower_id = #{userId} ORDER BY created_at DESC, id DESC "
            + "LIMIT #{limit}")
    List<Long> followeeIds(@Param("userId") long userId, @Param("limit") int limit);

    @Select("SELECT follower_id FROM follow WHERE followee_id = #{userId} ORDER BY created_at DESC, id DESC "
            + "LIMIT #{limit}")
    List<Long> followerIds(@Param("userId") long userId, @Param("limit") int limit);

    /** Mutual follows of {@code userId}, the most recently completed friendship first. */
    @Select("""
            SELECT f.followee_id FROM follow f
            JOIN follow b ON b.follower_id = f.followee_id AND b.followee_id = f.follower_id
            WHERE f.follower_id = #{userId}
            ORDER BY GREATEST(f.created_at, b.created_at) DESC, GREATEST(f.id, b.id) DESC
            LIMIT #{limit}""")
    List<Long> friendIds(@Param("userId") long userId, @Param("limit") int limit);

    /** Which of {@code userIds} {@code followerId} follows. */
    @Select("""
            <script>
            SELECT followee_id FROM follow WHERE follower_id = #{followerId} AND followee_id IN
            <foreach collection="userIds" item="id" open="(" separator="," close=")">#{id}</foreach>
            </script>""")
    List<Long> followedAmong(@Param("followerId") long followerId, @Param("userIds") Collection<Long> userIds);

    /** How many users each of {@code userIds} follows; users who follow nobody are left out. */
    @Select("""
            <script>
            SELECT follower_id AS user_id, COUNT(*) AS total FROM follow WHERE follower_id IN
            <foreach collection="userIds" item="id" open="(" separator="," close=")">#{id}</foreach>
            GROUP BY follower_id
            </script>""")
    List<IdCount> followCounts(@Param("userIds") Collection<Long> userIds);

    /** How many followers each of {@code userIds} has; users nobody follows are left out. */
    @Select("""
            <script>
            SELECT followee_id AS user_id, COUNT(*) AS total FROM follow WHERE followee_id IN
            <foreach collection="userIds" item="id" open="(" separator="," close=")">#{id}</foreach>
            GROUP BY followee_id
            </script>""")
    List<IdCount> followerCounts(@Param("userIds") Collection<Long> userIds);
}
