package com.dousheng.interaction.counter;

/** One row of a GROUP BY count. */
public class IdCount {
    private Long id;
    private Long total;

    public Long getId() {
        return id;
    }

    public void setId(Long id) {
        this.id = id;
    }

    public Long getTotal() {
        return total;
    }

    public void setTotal(Long total) {
        this.total = total;
    }
}
