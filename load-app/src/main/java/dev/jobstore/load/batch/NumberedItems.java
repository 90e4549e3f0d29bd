package dev.jobstore.load.batch;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;

/** Reads the numbers 0 to {@code items} - 1; its checkpoint is the next number. */
@Named("numberedItems")
@Dependent
public class NumberedItems extends AbstractItemReader {

    @Inject
    @BatchProperty
    String items;

    private int count;
    private int next;

    @Override
    public void open(Serializable checkpoint) {
        count = Integer.parseInt(items);
        next = checkpoint == null ? 0 : (Integer) checkpoint;
    }

    @Override
    public Object readItem() {
        return next < count ? next++ : null;
    }

    @Override
    public Serializable checkpointInfo() {
        return next;
    }
}
