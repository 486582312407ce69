package com.dousheng.message.chat;

import java.util.Collection;
import java.util.List;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

@Mapper
public interface ConversationMapper {

    /** Creates the pair's row if needed; either way the row ends up locked by this transaction. */
    @Insert("""
            INSERT INTO conversation (user_low, user_high) VALUES (#{low}, #{high})
            ON DUPLICATE KEY UPDATE user_low = user_low""")
    void ensureLocked(@Param("low") long low, @Param("high") long high);

    @Select("SELECT last_create_time FROM conversation WHERE user_low = #{low} AND user_high = #{high} FOR UPDATE")
    long lastCreateTimeForUpdate(@Param("low") long low, @Param("high") long high);

    @Update("""
            UPDATE conversation SET last_message_id = #{m.id}, last_from_user_id = #{m.fromUserId},
                last_content = #{m.content}, last_create_time = #{m.createTime}
            WHERE user_low = #{m.userLow} AND user_high = #{m.userHigh}""")
    void recordLatest(@Param("m") Message message);

    /** The conversations of {@code viewerId} with the given peers (split by which side of the pair they are). */
    @Select("""
            <script>
            SELECT user_low, user_high, last_from_user_id, last_content FROM conversation WHERE
            <trim prefixOverrides="OR">
              <if test="higherPeers.size() > 0">
                OR (user_low = #{viewerId} AND user_high IN
                <foreach collection="higherPeers" item="id" open="(" separator="," close=")">#{id}</foreach>)
              </if>
              <if test="lowerPeers.size() > 0">
                OR (user_high = #{viewerId} AND user_low IN
                <foreach collection="lowerPeers" item="id" open="(" separator="," close=")">#{id}</foreach>)
              </if>
            </trim>
            </script>""")
    List<ConversationHead> heads(@Param("viewerId") long viewerId, @Param("higherPeers") Collection<Long> higherPeers,
                                 @Param("lowerPeers") Collection<Long> lowerPeers);
}
