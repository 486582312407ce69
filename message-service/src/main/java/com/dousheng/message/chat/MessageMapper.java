package com.dousheng.message.chat;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;
import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

@Mapper
public interface MessageMapper extends BaseMapper<Message> {

    /** The oldest {@code limit} messages of a conversation after {@code after}: a range of its unique key. */
    @Select("""
            SELECT id, user_low, user_high, from_user_id, to_user_id, content, create_time FROM message
            WHERE user_low = #{low} AND user_high = #{high} AND create_time > #{after}
            ORDER BY create_time LIMIT #{limit}""")
    List<Message> after(@Param("low") long low, @Param("high") long high, @Param("after") long after,
                        @Param("limit") int limit);
}
