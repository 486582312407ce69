package com.dousheng.video.publish;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/** The single-row clock that hands out unique, increasing publish times (see V1__create_video.sql). */
@Mapper
public interface PublishClockMapper {

    /** Takes the row lock until the transaction ends, so concurrent publishers queue here. */
    @Update("UPDATE video_publish_clock SET last_ms = GREATEST(last_ms + 1, #{now}) WHERE id = 1")
    int advance(@Param("now") long nowMillis);

    @Select("SELECT last_ms FROM video_publish_clock WHERE id = 1")
    long current();
}
