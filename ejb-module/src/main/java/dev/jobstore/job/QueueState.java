package dev.jobstore.job;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A queue's own state; a row exists once a queue was paused or resumed. */
@Entity
@Table(name = "job_queue")
public class QueueState {

    @Id
    @Column(length = 100)
    private String name;

    @Column(nullable = false)
    private boolean paused;

    protected QueueState() {}

    public QueueState(String name) {
        this.name = name;
    }

    public void setPaused(boolean paused) {
        this.paused = paused;
    }

    public String name() {
        return name;
    }

    public boolean isPaused() {
        return paused;
    }
}
