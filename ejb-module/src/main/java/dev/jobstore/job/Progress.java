package dev.jobstore.job;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** How far the current holder got, as it last reported. */
@Embeddable
@JsonbPropertyOrder({"completed", "total"})
public class Progress {

    @Column(name = "progress_completed")
    private long completed;

    @Column(name = "progress_total")
    private long total;

    protected Progress() {}

    public Progress(long completed, long total) {
        if (completed < 0 || total < 0 || completed > total) {
            throw new InvalidRequestException(
                    "progress needs 0 <= completed <= total, not " + completed + " of " + total);
        }
        this.completed = completed;
        this.total = total;
    }

    public long getCompleted() {
        return completed;
    }

    public long getTotal() {
        return total;
    }
}
