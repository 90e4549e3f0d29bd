package dev.jobstore.batch;

/** A leased batch execution ended FAILED or STOPPED: the job's attempt fails, and its retry restarts it. */
class BatchExecutionFailed extends Exception {

    BatchExecutionFailed(String message) {
        super(message);
    }

    @Override
    public String toString() { // the job's failure record: the message says it all
        return getMessage();
    }
}
